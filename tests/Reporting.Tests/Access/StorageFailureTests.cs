using Reporting.Access;

namespace Reporting.Tests.Access;

public sealed class StorageFailureTests
{
    [Fact]
    public void RetriesThatFailedAndEndedInATimeoutMeanStorageIsUnavailable()
    {
        Exception refused = new Azure.RequestFailedException("Connection refused (127.0.0.1:10002)");

        Assert.True(FunctionGate.IsStorageUnavailable(new AggregateException(refused, refused, new TaskCanceledException())));
        Assert.True(FunctionGate.IsStorageUnavailable(new AggregateException(refused)));
        Assert.False(FunctionGate.IsStorageUnavailable(new AggregateException(new TaskCanceledException())));
        Assert.False(FunctionGate.IsStorageUnavailable(new AggregateException(refused, new InvalidOperationException())));
        Assert.False(FunctionGate.IsStorageUnavailable(new Azure.RequestFailedException(404, "Not found")));
    }
}
