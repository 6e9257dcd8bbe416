using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

public sealed class TableClientOptions : ClientOptions
{
    public TableClientOptions() => StorageRetry.Apply(Retry, TimeSpan.FromSeconds(30));
}

/// <summary>
/// The entry point to an account's Table service: hands out <see cref="TableClient"/>s that share one HTTP
/// pipeline (retries, logging, Shared Key signing or Entra ID tokens). Thread-safe; register one per account.
/// </summary>
public sealed class TableServiceClient
{
    internal const string ApiVersion = "2019-02-02";

    public TableServiceClient(StorageConnection connection, TableClientOptions? options = null)
    {
        Connection = connection;
        Endpoint = connection.TableEndpoint.ToString().TrimEnd('/');
        Pipeline = HttpPipelineBuilder.Build(
            options ?? new TableClientOptions(),
            perCallPolicies: [],
            perRetryPolicies: [connection.Authentication((name, key) => new SharedKeyLitePolicy(name, key))],
            new ResponseClassifier());
    }

    public StorageConnection Connection { get; }

    internal string Endpoint { get; }

    internal HttpPipeline Pipeline { get; }

    public TableClient GetTableClient(string tableName) => new(this, tableName);

    /// <summary>Asks the service for one table name: proves the account answers and accepts our key.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "Tables?$top=1");
        await SendAsync(message, cancellationToken);
    }

    internal HttpMessage CreateMessage(RequestMethod method, string pathAndQuery, byte[]? json = null, string contentType = "application/json")
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(Endpoint + "/" + pathAndQuery));
        request.Headers.SetValue("x-ms-version", ApiVersion);
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        if (json is not null)
        {
            request.Headers.SetValue("Content-Type", contentType);
            request.Content = RequestContent.Create(json);
        }
        return message;
    }

    /// <summary>Sends a request and throws <see cref="RequestFailedException"/> (with the service's error code) on a failure status.</summary>
    internal async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status >= 400)
        {
            throw StorageErrors.FromResponse(response);
        }
        return response;
    }
}
