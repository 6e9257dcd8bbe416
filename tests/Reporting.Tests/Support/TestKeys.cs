using Reporting.Access;

namespace Reporting.Tests.Support;

/// <summary>The API keys of the test service: one caller per role of programme BAR, and a coordinator of CHW.</summary>
public static class TestKeys
{
    public const string Coordinator = "test-coordinator-key-6f1d2c";
    public const string FieldWorker = "test-field-worker-key-91ab0e";
    public const string Funder = "test-funder-key-3c7e55";

    /// <summary>A coordinator of another programme (CHW), to make that programme's records and reports.</summary>
    public const string OtherCoordinator = "test-chw-coordinator-key-8d0f41";

    /// <summary>A coordinator of both BAR and CHW, who may move a record from one programme to the other.</summary>
    public const string BothCoordinator = "test-bar-chw-coordinator-key-5a92c7";

    /// <summary>The field worker's own worker code.</summary>
    public const string WorkerCode = "BAR-07";

    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var keys = new (string Name, string Key, Role Role, string? Worker, string[] Programmes)[]
        {
            ("coordinator", Coordinator, Role.Coordinator, null, ["BAR"]),
            ("field-worker", FieldWorker, Role.FieldWorker, WorkerCode, ["BAR"]),
            ("funder", Funder, Role.Funder, null, ["BAR"]),
            ("chw-coordinator", OtherCoordinator, Role.Coordinator, null, ["CHW"]),
            ("bar-chw-coordinator", BothCoordinator, Role.Coordinator, null, ["BAR", "CHW"]),
        };
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new($"Access:ApiKeys:{i}:Name", keys[i].Name);
            yield return new($"Access:ApiKeys:{i}:KeySha256", CallerResolver.HashKey(keys[i].Key));
            yield return new($"Access:ApiKeys:{i}:Role", keys[i].Role.ToString());
            for (var p = 0; p < keys[i].Programmes.Length; p++)
            {
                yield return new($"Access:ApiKeys:{i}:Programmes:{p}", keys[i].Programmes[p]);
            }
            yield return new($"Access:ApiKeys:{i}:WorkerCode", keys[i].Worker);
        }
    }
}
