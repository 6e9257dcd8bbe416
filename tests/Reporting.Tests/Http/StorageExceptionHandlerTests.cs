using Reporting.Http;

namespace Reporting.Tests.Http;

public sealed class StorageExceptionHandlerTests
{
    [Fact]
    public void RetriesThatFailedAndEndedInATimeoutMeanStorageIsUnavailable()
    {
        Exception refused = new Azure.RequestFailedException("Connection refused (127.0.0.1:10002)");

        Assert.True(StorageExceptionHandler.IsStorageUnavailable(new AggregateException(refused, refused, new TaskCanceledException())));
        Assert.True(StorageExceptionHandler.IsStorageUnavailable(new AggregateException(refused)));
        Assert.False(StorageExceptionHandler.IsStorageUnavailable(new AggregateException(new TaskCanceledException())));
        Assert.False(StorageExceptionHandler.IsStorageUnavailable(new AggregateException(refused, new InvalidOperationException())));
        Assert.False(StorageExceptionHandler.IsStorageUnavailable(new Azure.RequestFailedException(404, "Not found")));
    }
}
