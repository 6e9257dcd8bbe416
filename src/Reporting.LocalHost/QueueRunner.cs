using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Reporting.Storage;

namespace Reporting.LocalHost;

/// <summary>
/// Drains the queue of every queue function from storage with the Functions host's semantics: a message is taken
/// invisible for a lease that is renewed while the function runs; done, it is deleted; failed, it becomes visible
/// again after host.json's <c>visibilityTimeout</c>, until it has been tried <c>maxDequeueCount</c> times: then it
/// moves to <c>{queue}-poison</c>. A message whose instance died comes back when its lease lapses. An idle queue is
/// polled less and less often, up to <c>maxPollingInterval</c>; a report request sent by this process wakes it.
/// </summary>
internal sealed class QueueRunner(
    IReadOnlyList<LocalFunction> functions,
    QueueServiceClient queues,
    ReportRequests requests,
    HostSettings host,
    IOptions<LocalHostOptions> options,
    IServiceScopeFactory scopes,
    ILogger<QueueRunner> logger) : BackgroundService
{
    /// <summary>One wake-up signal per queue loop: a request sent wakes every loop.</summary>
    private readonly List<SemaphoreSlim> _wakes = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunQueues)
        {
            return Task.CompletedTask;
        }
        requests.Sent += Wake;
        stoppingToken.Register(() => requests.Sent -= Wake);
        return Task.WhenAll(functions.Where(f => f.Trigger == TriggerKind.Queue).Select(f => DrainAsync(f, stoppingToken)));
    }

    private void Wake()
    {
        lock (_wakes)
        {
            foreach (var wake in _wakes.Where(w => w.CurrentCount == 0))
            {
                wake.Release();
            }
        }
    }

    private async Task DrainAsync(LocalFunction function, CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0);
        lock (_wakes)
        {
            _wakes.Add(wake);
        }
        try
        {
            await PollAsync(function, wake, stoppingToken);
        }
        finally
        {
            lock (_wakes)
            {
                _wakes.Remove(wake);
            }
        }
    }

    private async Task PollAsync(LocalFunction function, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(function.Queue);
        var poison = queues.GetQueueClient(function.Queue + "-poison");
        var idle = MinimumPoll;
        // The queue is made once, and again only after storage failed (an emulator restarted empty loses it).
        var exists = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage? message = null;
            try
            {
                if (!exists)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    exists = true;
                }
                message = (await queue.ReceiveMessageAsync(options.Value.QueueLease, stoppingToken)).Value;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
            {
                exists = false;
                logger.LogWarning("Queue {Queue} unreachable: {Error}", function.Queue, e.GetType().Name);
            }
            if (message is null)
            {
                await wake.WaitAsync(idle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, host.MaxPollingInterval.Ticks));
                continue;
            }
            idle = MinimumPoll;
            await ProcessAsync(function, queue, poison, message, stoppingToken);
        }
    }

    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(100);

    private async Task ProcessAsync(LocalFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var receipt = message.PopReceipt;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(queue, message, r => receipt = r, running.Token);
        Exception? failure = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, message.Body.ToString(), null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            failure = e;
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
        }
        if (stoppingToken.IsCancellationRequested)
        {
            // Stopped mid-run: the message comes back when its lease lapses, as after a crash.
            return;
        }
        try
        {
            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            else if (message.DequeueCount >= host.MaxDequeueCount)
            {
                logger.LogError(failure, "{Function} failed on its last try ({Count}); the message moves to {Poison}", function.Name, message.DequeueCount, poison.Name);
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            else
            {
                logger.LogWarning(failure, "{Function} failed (try {Count} of {Max}); the message comes back in {Delay}", function.Name, message.DequeueCount, host.MaxDequeueCount, host.VisibilityTimeout);
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: host.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (RequestFailedException e)
        {
            // The lease was lost (the message was taken again): the other taker settles it.
            logger.LogWarning("Message of {Queue} could not be settled: {Error}", queue.Name, e.ErrorCode);
        }
    }

    /// <summary>Keeps a running message invisible: its lease is renewed at half its length.</summary>
    private async Task RenewAsync(QueueClient queue, QueueMessage message, Action<string> receipt, CancellationToken cancellationToken)
    {
        var current = message.PopReceipt;
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.QueueLease / 2, cancellationToken);
                var renewed = await queue.UpdateMessageAsync(message.MessageId, current, visibilityTimeout: options.Value.QueueLease, cancellationToken: cancellationToken);
                current = renewed.Value.PopReceipt;
                receipt(current);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning("The lease of a message of {Queue} could not be renewed: {Error}", queue.Name, e.ErrorCode);
        }
    }
}
