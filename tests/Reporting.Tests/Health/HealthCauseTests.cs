using System.Net.Sockets;
using Reporting.Health;

namespace Reporting.Tests.Health;

/// <summary>The cause a failing health check gives: the innermost exception, in one short line, without secrets.</summary>
public sealed class HealthCauseTests
{
    [Fact]
    public void TheCauseIsTheInnermostExceptionThroughAggregateExceptions()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));
        var retries = new AggregateException(new AggregateException(refused), new TaskCanceledException());

        var cause = HealthCause.Of(retries);

        Assert.StartsWith("SocketException: ", cause, StringComparison.Ordinal);
        Assert.DoesNotContain("AggregateException", cause, StringComparison.Ordinal);
    }

    [Fact]
    public void StoragesAnswerGivesItsStatusAndErrorCodeAndOnlyTheFirstLineOfItsMessage()
    {
        var refused = new Azure.RequestFailedException(403, "Server failed to authenticate the request.\nRequestId:1\nHeaders: x", "AuthenticationFailed", null);

        Assert.Equal("RequestFailedException: Server failed to authenticate the request. (status 403, AuthenticationFailed)", HealthCause.Of(refused));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;", "Eby8vdM02")]
    [InlineData("https://account.blob.core.windows.net/reports?sv=2024-01-01&sig=abcDEF123%2Bsecret&se=2026", "abcDEF123")]
    [InlineData("SharedAccessSignature=sv=2024&sig=topsecret", "topsecret")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature", "eyJhbGci")]
    public void NoSecretIsEverInTheCause(string message, string secret)
    {
        var cause = HealthCause.Of(new AggregateException(new InvalidOperationException("Could not connect: " + message)));

        Assert.StartsWith("InvalidOperationException: Could not connect: ", cause, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, cause, StringComparison.Ordinal);
        Assert.Contains("***", cause, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCauseIsShort()
    {
        var cause = HealthCause.Of(new InvalidOperationException(new string('x', 5000)));

        Assert.Equal(HealthCause.MaxLength, cause.Length);
    }
}
