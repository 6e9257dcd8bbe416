using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Reporting.Storage;

/// <summary>A blob as a listing or its properties describe it.</summary>
public sealed record BlobItem(string Name, long Size, DateTimeOffset LastModified, string? ContentType);

/// <summary>
/// The body of a blob being downloaded, read from the network as it is consumed. Dispose it to give the
/// connection back.
/// </summary>
public sealed record BlobDownload(Stream Content, long Length, string? ContentType, ETag ETag) : IDisposable, IAsyncDisposable
{
    /// <summary>The request whose response carries <see cref="Content"/>.</summary>
    internal IDisposable? Owner { get; init; }

    public void Dispose()
    {
        Content.Dispose();
        Owner?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        Owner?.Dispose();
    }
}

/// <summary>Operations on one container and its blobs. Thread-safe; cheap to create.</summary>
public sealed class BlobContainerClient
{
    /// <summary>The most blobs the service returns in one page of a listing.</summary>
    public const int MaxPageSize = 5000;

    private static readonly TimeSpan MinLease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxLease = TimeSpan.FromSeconds(60);
    private readonly BlobServiceClient _service;

    internal BlobContainerClient(BlobServiceClient service, string name)
    {
        if (!IsValidContainerName(name))
        {
            throw new ArgumentException($"'{name}' is not a container name: 3 to 63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.", nameof(name));
        }
        _service = service;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Creates the container, without public access; an existing one is left as it is.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, Name + "?restype=container");
        try
        {
            await _service.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "ContainerAlreadyExists")
        {
            // What we wanted.
        }
    }

    /// <summary>Deletes the container and every blob in it; a missing one is fine.</summary>
    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, Name + "?restype=container");
        try
        {
            await _service.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Writes a block blob in one request, replacing any blob of that name at once. The content is sent from the
    /// stream's current position to its end and the stream is left open; a stream that cannot seek is read into
    /// memory first (so that retries can send it again). A leased blob needs its <paramref name="leaseId"/> (else 412).
    /// </summary>
    public async Task<ETag> UploadAsync(string blobName, Stream content, string contentType, string? leaseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var path = BlobPath(blobName);
        MemoryStream? copy = null;
        if (!content.CanSeek)
        {
            copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
        }
        try
        {
            using var message = _service.CreateMessage(RequestMethod.Put, path);
            var request = message.Request;
            request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
            request.Headers.SetValue("Content-Type", contentType);
            if (leaseId is not null)
            {
                request.Headers.SetValue("x-ms-lease-id", leaseId);
            }
            request.Content = new LeftOpenStreamContent(copy ?? content);
            var response = await _service.SendAsync(message, cancellationToken);
            return response.Headers.ETag ?? throw new RequestFailedException(response.Status, "Storage answered a blob upload without an ETag.");
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }
    }

    /// <summary>Opens a blob for reading, its body streamed from the service; null when there is no such blob.</summary>
    public async Task<BlobDownload?> DownloadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var message = _service.CreateMessage(RequestMethod.Get, BlobPath(blobName));
        message.BufferResponse = false;
        try
        {
            var response = await _service.SendAsync(message, cancellationToken);
            var content = response.ContentStream ?? Stream.Null;
            return new BlobDownload(content, response.Headers.ContentLength ?? -1, response.Headers.ContentType, response.Headers.ETag ?? default)
            {
                Owner = message,
            };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            message.Dispose();
            return null;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>Deletes a blob (and its snapshots); false when there was none.</summary>
    public async Task<bool> DeleteIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, BlobPath(blobName));
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        try
        {
            await _service.SendAsync(message, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Every blob whose name starts with <paramref name="prefix"/> (in every virtual folder below it), by name, page after page.</summary>
    public IAsyncEnumerable<BlobItem> ListAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ListAsync(prefix, MaxPageSize, cancellationToken);

    internal async IAsyncEnumerable<BlobItem> ListAsync(string? prefix, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        string? marker = null;
        do
        {
            var query = $"{Name}?restype=container&comp=list&maxresults={pageSize.ToString(CultureInfo.InvariantCulture)}";
            if (!string.IsNullOrEmpty(prefix))
            {
                query += "&prefix=" + Uri.EscapeDataString(prefix);
            }
            if (marker is not null)
            {
                query += "&marker=" + Uri.EscapeDataString(marker);
            }
            List<BlobItem> page;
            using (var message = _service.CreateMessage(RequestMethod.Get, query))
            {
                var response = await _service.SendAsync(message, cancellationToken);
                (page, marker) = ReadListing(response.ContentStream ?? Stream.Null);
            }
            foreach (var item in page)
            {
                yield return item;
            }
        }
        while (!string.IsNullOrEmpty(marker));
    }

    /// <summary>A blob's size, content type and last change; null when there is no such blob.</summary>
    public async Task<BlobItem?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Head, BlobPath(blobName));
        try
        {
            var response = await _service.SendAsync(message, cancellationToken);
            var lastModified = response.Headers.TryGetValue("Last-Modified", out var value) ? ParseDate(value) : default;
            return new BlobItem(blobName, response.Headers.ContentLength ?? 0, lastModified, response.Headers.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Takes a lease on an existing blob for 15 to 60 seconds (or <see cref="Timeout.InfiniteTimeSpan"/>): while
    /// it lasts, nobody else can lease, write or delete the blob. Returns the lease id, or null when someone else
    /// holds a lease.
    /// </summary>
    public async Task<string?> TryAcquireLeaseAsync(string blobName, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        int seconds;
        if (duration == Timeout.InfiniteTimeSpan)
        {
            seconds = -1;
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(duration, MinLease);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(duration, MaxLease);
            seconds = (int)duration.TotalSeconds;
        }
        using var message = LeaseMessage(blobName, "acquire");
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds.ToString(CultureInfo.InvariantCulture));
        try
        {
            var response = await _service.SendAsync(message, cancellationToken);
            return response.Headers.TryGetValue("x-ms-lease-id", out var leaseId)
                ? leaseId
                : throw new RequestFailedException(response.Status, "Storage granted a lease without its id.");
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "LeaseAlreadyPresent")
        {
            return null;
        }
    }

    /// <summary>Restarts the clock of a lease we hold; fails (409) when the lease is not ours any more.</summary>
    public async Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        using var message = LeaseMessage(blobName, "renew");
        message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        await _service.SendAsync(message, cancellationToken);
    }

    /// <summary>Gives a lease back so that others can take one at once.</summary>
    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        using var message = LeaseMessage(blobName, "release");
        message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        await _service.SendAsync(message, cancellationToken);
    }

    private HttpMessage LeaseMessage(string blobName, string action)
    {
        var message = _service.CreateMessage(RequestMethod.Put, BlobPath(blobName) + "?comp=lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        return message;
    }

    /// <summary>The container and blob name as a URL path: each segment of the name escaped, its slashes kept.</summary>
    internal string BlobPath(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return Name + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
    }

    internal static bool IsValidContainerName(string name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>Reads one page of a List Blobs answer: its blobs and the marker of the next page (empty on the last).</summary>
    internal static (List<BlobItem> Items, string? NextMarker) ReadListing(Stream xml)
    {
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var root = XDocument.Load(reader).Root ?? throw new FormatException("Storage answered an empty blob listing.");
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var nameElement = blob.Element("Name") ?? throw new FormatException("Storage listed a blob without a name.");
            // Names with characters XML cannot carry come percent-encoded.
            var name = (string?)nameElement.Attribute("Encoded") == "true" ? Uri.UnescapeDataString(nameElement.Value) : nameElement.Value;
            var properties = blob.Element("Properties");
            var size = long.Parse(properties?.Element("Content-Length")?.Value ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
            var lastModified = properties?.Element("Last-Modified")?.Value is { } date ? ParseDate(date) : default;
            var contentType = properties?.Element("Content-Type")?.Value;
            items.Add(new BlobItem(name, size, lastModified, string.IsNullOrEmpty(contentType) ? null : contentType));
        }
        return (items, root.Element("NextMarker")?.Value);
    }

    private static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Sends a caller's stream from the position it had when the request was made, as often as the pipeline
    /// retries, and leaves it open: the caller owns it.
    /// </summary>
    private sealed class LeftOpenStreamContent(Stream stream) : RequestContent
    {
        private readonly long _origin = stream.Position;

        public override void WriteTo(Stream destination, CancellationToken cancellationToken)
        {
            stream.Position = _origin;
            stream.CopyTo(destination);
        }

        public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
        {
            stream.Position = _origin;
            await stream.CopyToAsync(destination, cancellationToken);
        }

        public override bool TryComputeLength(out long length)
        {
            length = stream.Length - _origin;
            return true;
        }

        public override void Dispose()
        {
        }
    }
}
