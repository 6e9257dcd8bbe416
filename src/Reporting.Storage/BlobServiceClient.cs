using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

public sealed class BlobClientOptions : ClientOptions
{
    public BlobClientOptions() => StorageRetry.Apply(Retry, TimeSpan.FromSeconds(100));
}

/// <summary>
/// The entry point to an account's Blob service: hands out <see cref="BlobContainerClient"/>s that share one HTTP
/// pipeline (retries, logging, Shared Key signing or Entra ID tokens). Thread-safe; register one per account.
/// </summary>
public sealed class BlobServiceClient
{
    internal const string ApiVersion = "2021-08-06";

    public BlobServiceClient(StorageConnection connection, BlobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Endpoint = connection.BlobEndpoint.ToString().TrimEnd('/');
        Pipeline = HttpPipelineBuilder.Build(
            options ?? new BlobClientOptions(),
            perCallPolicies: [],
            perRetryPolicies: [connection.Authentication((name, key) => new SharedKeyPolicy(name, key))],
            new ResponseClassifier());
    }

    public StorageConnection Connection { get; }

    internal string Endpoint { get; }

    internal HttpPipeline Pipeline { get; }

    /// <summary>A client for one container; its name must be 3 to 63 lowercase letters, digits and single dashes.</summary>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(this, containerName);

    /// <summary>A request to the path below the endpoint (already escaped, with its query if any).</summary>
    internal HttpMessage CreateMessage(RequestMethod method, string pathAndQuery)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(Endpoint + "/" + pathAndQuery));
        request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    /// <summary>Sends a request and throws <see cref="RequestFailedException"/> (with the service's error code) on a failure status.</summary>
    internal async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status >= 400)
        {
            if (response.ContentStream is { } stream and not MemoryStream)
            {
                // A streamed (unbuffered) answer: read the error body so that its code can be reported.
                var buffered = new MemoryStream();
                await using (stream)
                {
                    await stream.CopyToAsync(buffered, cancellationToken);
                }
                buffered.Position = 0;
                response.ContentStream = buffered;
            }
            throw StorageErrors.FromResponse(response);
        }
        return response;
    }
}
