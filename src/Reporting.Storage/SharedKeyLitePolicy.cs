using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>
/// Signs every attempt of a Table service request with the account key (Shared Key Lite): HMAC-SHA256 over the
/// request date and the canonicalised resource. Runs per retry so that each attempt carries a fresh date.
/// </summary>
internal sealed class SharedKeyLitePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var uri = message.Request.Uri.ToUri();
        // The canonicalised resource is the account name followed by the encoded path; for path-style
        // endpoints (the emulator) the path starts with the account name again, as the service expects.
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
        if (comp is not null)
        {
            resource += "?comp=" + comp;
        }
        var stringToSign = date + "\n" + resource;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }
}
