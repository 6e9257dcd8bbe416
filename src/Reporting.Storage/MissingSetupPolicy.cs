using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>
/// Every storage response passes here: one that says a table or container that was set up is gone (an emulator
/// restarted empty, a table deleted by hand) makes every setup run again on its next use, whoever asked. A
/// transaction's answer carries the error of its failed operation inside its body.
/// </summary>
internal sealed class MissingSetupPolicy : HttpPipelineSynchronousPolicy
{
    internal static readonly string[] Codes = ["TableNotFound", "ContainerNotFound", "QueueNotFound"];

    public static MissingSetupPolicy Instance { get; } = new();

    public override void OnReceivedResponse(HttpMessage message)
    {
        var response = message.Response;
        if (response.Status < 400 && !(response.Status == 202 && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)))
        {
            return;
        }
        var said = response.Headers.TryGetValue("x-ms-error-code", out var code) && Codes.Contains(code);
        // Only a buffered body is read here (a download's is streamed to its reader, and is no error anyway).
        if (!said && response.ContentStream is MemoryStream { Length: < 64 * 1024 } body)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
            said = Codes.Any(c => text.Contains(c, StringComparison.Ordinal));
        }
        if (said)
        {
            Once.ForgetAll();
        }
    }
}
