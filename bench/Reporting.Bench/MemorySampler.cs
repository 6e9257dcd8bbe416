namespace Reporting.Bench;

/// <summary>
/// The managed heap while something runs, seen two ways by a thread that looks every 2 ms:
/// <list type="bullet">
/// <item>its peak, garbage included: the larger of the heap's size now (<see cref="GC.GetTotalMemory(bool)"/>)
/// and its size just before the last collection (the <c>SizeBeforeBytes</c> of every generation), which catches
/// the highs between two looks, since the heap is largest right before a collection;</item>
/// <item>its peak live size: the heap just after a collection (<c>SizeAfterBytes</c>), what the work really holds.</item>
/// </list>
/// Start it after a full collection so that earlier garbage does not count.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly long _startIndex;
    private volatile bool _stop;
    private long _peak;
    private long _peakLive;

    private MemorySampler()
    {
        var start = GC.GetGCMemoryInfo(GCKind.Any);
        _startIndex = start.Index;
        _peak = GC.GetTotalMemory(false);
        _peakLive = start.HeapSizeBytes;
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public static MemorySampler Start() => new();

    /// <summary>The highest heap size seen, garbage included, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>The highest heap size seen right after a collection, in bytes.</summary>
    public long PeakLiveBytes => Interlocked.Read(ref _peakLive);

    private void Sample()
    {
        while (!_stop)
        {
            Observe();
            Thread.Sleep(2);
        }
    }

    private void Observe()
    {
        var peak = GC.GetTotalMemory(false);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        if (info.Index > _startIndex)
        {
            long before = 0;
            long after = 0;
            foreach (var generation in info.GenerationInfo)
            {
                before += generation.SizeBeforeBytes;
                after += generation.SizeAfterBytes;
            }
            peak = Math.Max(peak, before);
            Raise(ref _peakLive, after);
        }
        Raise(ref _peak, peak);
    }

    private static void Raise(ref long peak, long value)
    {
        if (value > Interlocked.Read(ref peak))
        {
            Interlocked.Exchange(ref peak, value);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        Observe();
    }
}
