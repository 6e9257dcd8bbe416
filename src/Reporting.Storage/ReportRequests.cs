using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Reporting.Domain;
using Reporting.Domain.Aggregation;

namespace Reporting.Storage;

/// <summary>A report asked for: its scope, and when it was asked (a run that finds it made since then leaves it).</summary>
public sealed record ReportRequest(ReportScope Scope, DateTimeOffset RequestedAt);

/// <summary>
/// The Storage queue of requested reports: the HTTP function that accepts a request puts it here, and the queue
/// function of whichever instance takes it makes the report, so a request outlives the instance that accepted it.
/// Its name is the app setting <see cref="Setting"/> (one name per app sharing an account); the messages are JSON,
/// base64-encoded as the Functions host's queue trigger reads them.
/// </summary>
public sealed class ReportRequests
{
    /// <summary>The app setting that names the queue; the queue function's trigger reads <c>%ReportQueue%</c>.</summary>
    public const string Setting = "ReportQueue";

    public const string DefaultName = "report-requests";

    private readonly Once _ready;

    public ReportRequests(QueueServiceClient queues, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(queues);
        Name = NameIn(configuration);
        Queue = queues.GetQueueClient(Name);
        Poison = queues.GetQueueClient(Name + "-poison");
        _ready = new Once(async ct =>
        {
            await Queue.CreateIfNotExistsAsync(cancellationToken: ct);
            await Poison.CreateIfNotExistsAsync(cancellationToken: ct);
        });
    }

    public string Name { get; }

    public QueueClient Queue { get; }

    /// <summary>Where the host moves a message it could not process after its last try (<c>{name}-poison</c>).</summary>
    public QueueClient Poison { get; }

    /// <summary>The configured queue name, or the default one.</summary>
    public static string NameIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Setting] is { Length: > 0 } name ? name : DefaultName;
    }

    public Task EnsureExistsAsync(CancellationToken cancellationToken = default) => _ready.RunAsync(cancellationToken);

    /// <summary>Raised after a request was sent, for a queue reader in the same process (the local host) to look at once.</summary>
    public event Action? Sent;

    public async Task SendAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        await _ready.RunAsync(cancellationToken);
        await Queue.SendMessageAsync(Serialize(request), cancellationToken: cancellationToken);
        Sent?.Invoke();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Message(
        string Programme, string Kind, string From, string To, string? Municipality, string? Campaign, string Language,
        bool SplitBrussels, bool Unsuppressed, DateTimeOffset RequestedAt);

    public static string Serialize(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Scope;
        return JsonSerializer.Serialize(new Message(s.Programme, s.Period.Kind.ToString(), Day(s.Period.From), Day(s.Period.To),
            s.Municipality, s.Campaign, s.Language.ToString(), s.SplitBrussels, s.Unsuppressed, request.RequestedAt), Json);
    }

    /// <summary>The request a message holds; null when it holds none (not JSON, or not a report's scope).</summary>
    public static ReportRequest? Parse(string message)
    {
        try
        {
            var m = JsonSerializer.Deserialize<Message>(message, Json);
            if (m is null || string.IsNullOrEmpty(m.Programme))
            {
                return null;
            }
            var period = new ReportPeriod(Enum.Parse<PeriodKind>(m.Kind), ParseDay(m.From), ParseDay(m.To));
            var scope = new ReportScope(m.Programme, period, m.Municipality, m.Campaign, Enum.Parse<ReportLanguage>(m.Language), m.SplitBrussels, m.Unsuppressed);
            return new ReportRequest(scope, m.RequestedAt);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
