using System.Text;
using Azure;
using Reporting.Tests.Support;

namespace Reporting.Storage.Tests;

[Collection(AzuriteTests.Name)]
public sealed class BlobClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    private readonly BlobServiceClient _service = new(StorageConnection.Parse(azurite.ConnectionString));
    private BlobContainerClient _container = null!;

    public async Task InitializeAsync()
    {
        _container = _service.GetBlobContainerClient(AzuriteFixture.UniquePrefix());
        await _container.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => _container.DeleteIfExistsAsync();

    private Task<ETag> UploadTextAsync(string name, string text, string? leaseId = null) =>
        _container.UploadAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), "text/plain; charset=utf-8", leaseId);

    private async Task<byte[]> DownloadBytesAsync(string name)
    {
        await using var download = await _container.DownloadAsync(name);
        Assert.NotNull(download);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<List<string>> ListNamesAsync(string? prefix, int pageSize = BlobContainerClient.MaxPageSize)
    {
        var names = new List<string>();
        await foreach (var item in _container.ListAsync(prefix, pageSize))
        {
            names.Add(item.Name);
        }
        return names;
    }

    [Fact]
    public async Task AnUploadedBlobDownloadsWithTheSameBytesLengthContentTypeAndETag()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10 };
        var etag = await _container.UploadAsync("reports/2022/march.xlsx", new MemoryStream(bytes), Xlsx);

        await using var download = await _container.DownloadAsync("reports/2022/march.xlsx");

        Assert.NotNull(download);
        Assert.Equal(bytes.Length, download.Length);
        Assert.Equal(Xlsx, download.ContentType);
        Assert.Equal(etag, download.ETag);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task AThreeMegabyteBlobRoundTrips()
    {
        var bytes = new byte[(3 * 1024 * 1024) + 17];
        new Random(20220314).NextBytes(bytes);

        await _container.UploadAsync("big.bin", new MemoryStream(bytes), "application/octet-stream");

        Assert.Equal(bytes, await DownloadBytesAsync("big.bin"));
    }

    [Fact]
    public async Task AnUploadSendsTheStreamFromItsPositionAndLeavesItOpen()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("skip:kept"));
        stream.Position = 5;

        await _container.UploadAsync("part.txt", stream, "text/plain");

        Assert.Equal("kept", Encoding.UTF8.GetString(await DownloadBytesAsync("part.txt")));
        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task UploadingAgainReplacesTheContent()
    {
        var first = await UploadTextAsync("state.json", "{\"version\":1,\"padding\":\"long enough to be longer\"}");

        var second = await UploadTextAsync("state.json", "{\"version\":2}");

        Assert.NotEqual(first, second);
        Assert.Equal("{\"version\":2}", Encoding.UTF8.GetString(await DownloadBytesAsync("state.json")));
    }

    [Fact]
    public async Task AMissingBlobDownloadsAsNullAndHasNoProperties()
    {
        Assert.Null(await _container.DownloadAsync("nothing/here.txt"));
        Assert.Null(await _container.GetPropertiesAsync("nothing/here.txt"));
    }

    [Fact]
    public async Task ADeletedBlobIsGoneAndASecondDeleteFindsNothing()
    {
        await UploadTextAsync("old.txt", "old");

        Assert.True(await _container.DeleteIfExistsAsync("old.txt"));

        Assert.Null(await _container.DownloadAsync("old.txt"));
        Assert.False(await _container.DeleteIfExistsAsync("old.txt"));
    }

    [Fact]
    public async Task NamesWithSpacesAndAccentsAndPunctuationRoundTrip()
    {
        const string name = "scope one/Gare de l'Ouest (été) & 100%+#.txt";
        await UploadTextAsync(name, "odd");

        Assert.Equal("odd", Encoding.UTF8.GetString(await DownloadBytesAsync(name)));
        Assert.Equal([name], await ListNamesAsync("scope one/"));
        Assert.NotNull(await _container.GetPropertiesAsync(name));
    }

    [Fact]
    public async Task AListingWithAPrefixFindsTheBlobsOfEveryFolderBelowItOnly()
    {
        foreach (var name in new[] { "a/1.txt", "a/b/2.txt", "a/b/c/3.txt", "ab.txt", "b/a/4.txt" })
        {
            await UploadTextAsync(name, name);
        }

        Assert.Equal(["a/1.txt", "a/b/2.txt", "a/b/c/3.txt"], await ListNamesAsync("a/"));
        Assert.Equal(5, (await ListNamesAsync(null)).Count);
    }

    [Fact]
    public async Task AListingFollowsTheNextMarkerAcrossPages()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"paged/{i:D2}.txt").ToList();
        foreach (var name in names)
        {
            await UploadTextAsync(name, name);
        }

        Assert.Equal(names, await ListNamesAsync("paged/", pageSize: 2));
    }

    [Fact]
    public async Task ListedItemsAndPropertiesGiveSizeContentTypeAndLastModification()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _container.UploadAsync("sized.xlsx", new MemoryStream(new byte[1234]), Xlsx);

        var properties = await _container.GetPropertiesAsync("sized.xlsx");
        BlobItem? listed = null;
        await foreach (var item in _container.ListAsync("sized"))
        {
            listed = item;
        }

        Assert.NotNull(properties);
        Assert.Equal(new BlobItem("sized.xlsx", 1234, properties.LastModified, Xlsx), properties);
        Assert.InRange(properties.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(properties, listed);
    }

    [Fact]
    public async Task ASecondLeaseIsRefusedUntilTheFirstIsReleased()
    {
        await UploadTextAsync("scope.lock", "");
        var first = await _container.TryAcquireLeaseAsync("scope.lock", LeaseTime);
        Assert.NotNull(first);

        Assert.Null(await _container.TryAcquireLeaseAsync("scope.lock", LeaseTime));

        await _container.RenewLeaseAsync("scope.lock", first);
        Assert.Null(await _container.TryAcquireLeaseAsync("scope.lock", LeaseTime));

        await _container.ReleaseLeaseAsync("scope.lock", first);
        var second = await _container.TryAcquireLeaseAsync("scope.lock", LeaseTime);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task RenewingALeaseThatIsNotOursFails()
    {
        await UploadTextAsync("scope.lock", "");
        await _container.TryAcquireLeaseAsync("scope.lock", LeaseTime);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _container.RenewLeaseAsync("scope.lock", Guid.NewGuid().ToString()));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task ALeasedBlobIsWrittenOnlyWithItsLeaseId()
    {
        await UploadTextAsync("leased.txt", "before");
        var lease = await _container.TryAcquireLeaseAsync("leased.txt", LeaseTime);
        Assert.NotNull(lease);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => UploadTextAsync("leased.txt", "intruder"));
        Assert.Equal(412, error.Status);
        Assert.Equal("LeaseIdMissing", error.ErrorCode);
        Assert.Equal("before", Encoding.UTF8.GetString(await DownloadBytesAsync("leased.txt")));

        await UploadTextAsync("leased.txt", "after", lease);
        Assert.Equal("after", Encoding.UTF8.GetString(await DownloadBytesAsync("leased.txt")));
    }

    [Fact]
    public async Task AWrongAccountKeyIsRefused()
    {
        var connection = StorageConnection.Parse(azurite.ConnectionString) with { AccountKey = new byte[64] };
        var container = new BlobServiceClient(connection).GetBlobContainerClient(_container.Name);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.UploadAsync("x.txt", new MemoryStream([1]), "text/plain"));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
        Assert.Null(await _container.GetPropertiesAsync("x.txt"));
    }

    [Fact]
    public async Task CreatingAnExistingContainerAndDeletingAMissingOneAreFine()
    {
        await _container.CreateIfNotExistsAsync();
        var missing = _service.GetBlobContainerClient(AzuriteFixture.UniquePrefix());

        await missing.DeleteIfExistsAsync();

        await UploadTextAsync("still.txt", "here");
        Assert.NotNull(await _container.GetPropertiesAsync("still.txt"));
    }

    [Fact]
    public async Task ADeletedContainerTakesItsBlobsWithIt()
    {
        var other = _service.GetBlobContainerClient(AzuriteFixture.UniquePrefix());
        await other.CreateIfNotExistsAsync();
        await other.UploadAsync("x.txt", new MemoryStream([1]), "text/plain");

        await other.DeleteIfExistsAsync();

        Assert.Null(await other.GetPropertiesAsync("x.txt"));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => other.ListAsync().ToListAsync().AsTask());
        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("Reports")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    [InlineData("a_b")]
    public void AnInvalidContainerNameIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => _service.GetBlobContainerClient(name));
    }
}
