using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Reporting.Storage;
using Reporting.Tests.Faults;
using Reporting.Tests.Support;
using static Reporting.Tests.Support.ReportSheets;

namespace Reporting.Tests.EndToEnd;

/// <summary>
/// The service with no storage key: it gets Entra ID tokens from the App Service managed-identity endpoint
/// (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>), here a small stand-in that hands out tokens, and sends them
/// over HTTPS to an Azurite that checks them (<c>--oauth basic</c>: lifetime, issuer and audience; it cannot check
/// a signature). The connection string it is also given holds a wrong key, so nothing works unless the tokens do.
/// </summary>
[Collection(EntraIdStorage.Name)]
public sealed class EntraIdStorageTests : IAsyncLifetime
{
    private const string IdentityHeader = "identity-header-secret";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reporting-entra-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ConcurrentQueue<(string? Resource, string? Header)> _tokenRequests = new();
    private Process? _azurite;
    private WebApplication? _identity;
    private int _tablePort;
    private int _blobPort;
    private int _queuePort;
    private string _audience = "https://storage.azure.com";
    private string _thumbprint = "";

    private string CertificatePath => Path.Combine(_folder, "azurite.pem");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _thumbprint = WriteSelfSignedCertificate(CertificatePath, Path.Combine(_folder, "azurite.key"));
        _blobPort = LocalPorts.Free();
        _tablePort = LocalPorts.Free();
        _queuePort = LocalPorts.Free();
        _azurite = await AzuriteFixture.StartAsync(
            ["--inMemoryPersistence", "--oauth", "basic", "--cert", CertificatePath, "--key", Path.Combine(_folder, "azurite.key")],
            _blobPort, _queuePort, _tablePort);

        // The managed-identity endpoint of App Service, as the service's credential calls it.
        var identity = WebApplication.CreateSlimBuilder();
        identity.WebHost.UseUrls("http://127.0.0.1:0");
        _identity = identity.Build();
        _identity.MapGet("/msi/token", (HttpRequest request) =>
        {
            _tokenRequests.Enqueue((request.Query["resource"], request.Headers["X-IDENTITY-HEADER"]));
            if (request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
            {
                return Results.StatusCode(401);
            }
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            return Results.Json(new Dictionary<string, string>
            {
                ["access_token"] = Token(_audience),
                ["expires_on"] = expires.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = request.Query["resource"].ToString(),
                ["token_type"] = "Bearer",
            });
        });
        await _identity.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
        if (_azurite is not null)
        {
            AzuriteFixture.Stop(_azurite);
            _azurite.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The service's settings: endpoints instead of a key, the identity endpoint, and trust in Azurite's certificate.</summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["Storage__TableEndpoint"] = $"https://127.0.0.1:{_tablePort}/{LocalAzurite.AccountName}",
        ["Storage__BlobEndpoint"] = $"https://127.0.0.1:{_blobPort}/{LocalAzurite.AccountName}",
        ["Storage__QueueEndpoint"] = $"https://127.0.0.1:{_queuePort}/{LocalAzurite.AccountName}",
        ["IDENTITY_ENDPOINT"] = _identity!.Urls.First() + "/msi/token",
        ["IDENTITY_HEADER"] = IdentityHeader,
        ["SSL_CERT_FILE"] = CertificatePath,
    };

    /// <summary>A connection string to the same Azurite with a key that is not its key.</summary>
    private string WrongKeyConnectionString() =>
        $"DefaultEndpointsProtocol=https;AccountName={LocalAzurite.AccountName};AccountKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))};" +
        $"TableEndpoint=https://127.0.0.1:{_tablePort}/{LocalAzurite.AccountName};BlobEndpoint=https://127.0.0.1:{_blobPort}/{LocalAzurite.AccountName};";

    /// <summary>A client of our own with the emulator's real key, trusting its certificate: to look at storage directly.</summary>
    private TableServiceClient DirectTables(string? connectionString = null)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _thumbprint };
        var connection = connectionString ??
            $"DefaultEndpointsProtocol=https;AccountName={LocalAzurite.AccountName};AccountKey={LocalAzurite.AccountKey};" +
            $"TableEndpoint=https://127.0.0.1:{_tablePort}/{LocalAzurite.AccountName};BlobEndpoint=https://127.0.0.1:{_blobPort}/{LocalAzurite.AccountName};";
        return new TableServiceClient(connection, new TableClientOptions { Transport = new HttpClientTransport(handler) });
    }

    [Fact]
    public async Task WithAManagedIdentityTheServiceStoresRecordsAndMakesReportsWithoutAKey()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var wrongKey = WrongKeyConnectionString();
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => new StorageProbe(DirectTables(wrongKey)).PingAsync());
        Assert.Contains("InvalidAuthenticationInfo", refused.ErrorCode ?? refused.Message, StringComparison.Ordinal);
        await using var service = await ServiceProcess.StartAsync(wrongKey, prefix, Settings());
        var entries = Enumerable.Range(0, 30).Select(i => Samples.Entry(date: $"2022-03-{i % 28 + 1:00}")).ToList();

        var batch = await service.Client.PostAsJsonAsync("/api/entries/batch", Samples.Batch(entries));
        var activity = await service.Client.PostAsJsonAsync("/api/activities", Samples.Activity(date: "2022-03-20"));
        var id = entries[0]["id"]!.GetValue<string>();
        var read = await service.Client.GetAsync($"/api/entries/{id}");
        using var put = Samples.Put($"/api/entries/{id}", entries[0].With("date", "2022-04-02"), read.Headers.ETag!.ToString());
        var corrected = await service.Client.SendAsync(put);
        var requested = await service.Client.PostAsJsonAsync("/api/reports", new JsonObject { ["programme"] = "BAR", ["period"] = "2022-03", ["language"] = "en" });
        var status = await ReportPolling.WaitUntilDoneAsync(service.Client, requested.Headers.Location!.ToString(), TimeSpan.FromMilliseconds(50));

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.All((await batch.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray(), r => Assert.Equal("created", r!["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, activity.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString() + "\n" + service.Output);
        Assert.Equal(29, status["entries"]!.GetValue<long>());
        using var workbook = new MemoryStream(await service.Client.GetByteArrayAsync(status["downloadUrl"]!.GetValue<string>()));
        Assert.Equal(29.0, ValueOf(WorkbookReader.ReadSheet(workbook, "Summary"), "Individual interventions"));

        // What storage holds, read with the real key; and the tokens were asked for storage, with the header.
        var stored = new StoredRows(DirectTables(), prefix);
        Assert.Equal(30, (await stored.RecordRowsAsync(StoredRows.Entries)).Count);
        Assert.Empty(await stored.BrokenInvariantsAsync(StoredRows.Entries));
        Assert.NotEmpty(_tokenRequests);
        Assert.All(_tokenRequests, r => Assert.Equal(("https://storage.azure.com", IdentityHeader), (r.Resource, r.Header)));
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIsRefusedByStorageAndNothingIsStored()
    {
        _audience = "https://vault.azure.net";
        var prefix = AzuriteFixture.UniquePrefix();
        await using var service = await ServiceProcess.StartAsync(WrongKeyConnectionString(), prefix, Settings(), healthy: false);

        var health = await service.Client.GetAsync("/api/health");
        var posted = await service.Client.PostAsJsonAsync("/api/entries", Samples.Entry());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.False(posted.IsSuccessStatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(_tokenRequests);
        Assert.Empty(await new StoredRows(DirectTables(), prefix).AllAsync(StoredRows.Entries));
    }

    /// <summary>A token in the JWT form Azure Storage accepts: issued by an Entra ID tenant, for an audience, valid an hour.</summary>
    private static string Token(string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{Guid.NewGuid()}/",
            ["iat"] = now - 60,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["oid"] = Guid.NewGuid().ToString(),
        });
        var unsigned = Base64Url(header) + "." + Base64Url(payload);
        var signature = HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, as PEM files (certificate and private key); its thumbprint.</summary>
    private static string WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate.Thumbprint;
    }
}

/// <summary>The Entra ID tests start an Azurite of their own (HTTPS, tokens checked) and a service process each.</summary>
[CollectionDefinition(Name)]
public sealed class EntraIdStorage
{
    public const string Name = "Entra ID storage";
}
