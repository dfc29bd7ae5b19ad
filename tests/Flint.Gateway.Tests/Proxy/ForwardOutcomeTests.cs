using Flint.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Flint.Gateway.Tests.Proxy;

/// <summary>Every way a forward can end, and what each means for the client and for the instance.</summary>
public sealed class ForwardOutcomeTests
{
    private const string Instance = "fn-1";
    private static readonly ForwardLimits Limits = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));

    [Fact]
    public void From_None_IsSuccessAndKeepsTheInstance()
    {
        var outcome = ForwardOutcome.From(ForwarderError.None, null, Instance, Limits, budgetExpired: false, bodyComplete: true);

        Assert.Null(outcome.Error);
        Assert.False(outcome.InstanceBroken);
    }

    [Fact]
    public void From_ConnectTimeout_Returns504NamingTheConnectLimitAndBreaksTheInstance()
    {
        var exception = new TaskCanceledException("connect", new TimeoutException("connect timed out"));

        var outcome = ForwardOutcome.From(ForwarderError.Request, exception, Instance, Limits, budgetExpired: false, bodyComplete: true);

        Assert.Equal(StatusCodes.Status504GatewayTimeout, outcome.Error?.Status);
        Assert.Equal("could not connect to instance fn-1 within 5 s", outcome.Error?.Message);
        Assert.True(outcome.InstanceBroken);
    }

    [Fact]
    public void From_BudgetExpiredBeforeTheBodyArrived_Returns408AndKeepsTheInstance()
    {
        var outcome = ForwardOutcome.From(ForwarderError.RequestBodyCanceled, new OperationCanceledException(), Instance, Limits, budgetExpired: true, bodyComplete: false);

        Assert.Equal(StatusCodes.Status408RequestTimeout, outcome.Error?.Status);
        Assert.Equal("the request body did not arrive within the function's timeout (3 s)", outcome.Error?.Message);
        Assert.False(outcome.InstanceBroken);
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled, true)]
    [InlineData(ForwarderError.ResponseBodyCanceled, true)]
    [InlineData(ForwarderError.RequestTimedOut, false)]
    [InlineData(ForwarderError.UpgradeActivityTimeout, false)]
    public void From_InstanceOutOfTime_Returns504AndBreaksTheInstance(ForwarderError error, bool budgetExpired)
    {
        var outcome = ForwardOutcome.From(error, new OperationCanceledException(), Instance, Limits, budgetExpired, bodyComplete: true);

        Assert.Equal(StatusCodes.Status504GatewayTimeout, outcome.Error?.Status);
        Assert.Equal("instance fn-1 did not answer within the function's timeout (3 s)", outcome.Error?.Message);
        Assert.True(outcome.InstanceBroken);
    }

    [Fact]
    public void From_ClientBodyOverTheLimit_Returns413AndKeepsTheInstance()
    {
        var exception = new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        var outcome = ForwardOutcome.From(ForwarderError.RequestBodyClient, exception, Instance, Limits, budgetExpired: false, bodyComplete: false);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, outcome.Error?.Status);
        Assert.Equal("the request body is larger than the gateway accepts", outcome.Error?.Message);
        Assert.False(outcome.InstanceBroken);
    }

    [Fact]
    public void From_ChunkedClientBodyOverTheLimit_Returns413()
    {
        // As YARP reports a body that failed while streaming: the read's exception and the send's, which wraps it again.
        var tooLarge = new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        var exception = new AggregateException(
            new IOException("copy failed", new InvalidOperationException("wrapper")),
            new HttpRequestException("Error while copying content to a stream.", new IOException("reading the request body", tooLarge)));

        var outcome = ForwardOutcome.From(ForwarderError.RequestBodyClient, exception, Instance, Limits, budgetExpired: false, bodyComplete: false);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, outcome.Error?.Status);
        Assert.False(outcome.InstanceBroken);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(null)]
    public void From_ClientBodyUnreadable_Returns400AndKeepsTheInstance(int? badRequestStatus)
    {
        Exception exception = badRequestStatus is { } status
            ? new BadHttpRequestException("Unexpected end of request content.", status)
            : new IOException("connection reset");

        var outcome = ForwardOutcome.From(ForwarderError.RequestBodyClient, exception, Instance, Limits, budgetExpired: false, bodyComplete: false);

        Assert.Equal(StatusCodes.Status400BadRequest, outcome.Error?.Status);
        Assert.Equal("the request body could not be read from the client", outcome.Error?.Message);
        Assert.False(outcome.InstanceBroken);
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyCanceled)]
    [InlineData(ForwarderError.ResponseBodyCanceled)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    [InlineData(ForwarderError.UpgradeRequestCanceled)]
    [InlineData(ForwarderError.UpgradeRequestClient)]
    [InlineData(ForwarderError.UpgradeResponseCanceled)]
    [InlineData(ForwarderError.UpgradeResponseClient)]
    public void From_ClientWentAway_SaysNothingAndKeepsTheInstance(ForwarderError error)
    {
        var outcome = ForwardOutcome.From(error, new OperationCanceledException(), Instance, Limits, budgetExpired: false, bodyComplete: true);

        Assert.Null(outcome.Error);
        Assert.False(outcome.InstanceBroken);
    }

    [Theory]
    [InlineData(ForwarderError.Request)]
    [InlineData(ForwarderError.ResponseHeaders)]
    [InlineData(ForwarderError.ResponseBodyDestination)]
    [InlineData(ForwarderError.RequestBodyDestination)]
    [InlineData(ForwarderError.NoAvailableDestinations)]
    public void From_InstanceFailed_Returns502NamingTheErrorAndBreaksTheInstance(ForwarderError error)
    {
        var outcome = ForwardOutcome.From(error, new IOException("connection reset by peer"), Instance, Limits, budgetExpired: false, bodyComplete: true);

        Assert.Equal(StatusCodes.Status502BadGateway, outcome.Error?.Status);
        Assert.Equal($"instance fn-1 failed while serving the request ({error}): connection reset by peer", outcome.Error?.Message);
        Assert.True(outcome.InstanceBroken);
    }

    [Fact]
    public void From_InstanceFailedWithoutAnException_SaysSo()
    {
        var outcome = ForwardOutcome.From(ForwarderError.ResponseHeaders, null, Instance, Limits, budgetExpired: false, bodyComplete: true);

        Assert.Equal("instance fn-1 failed while serving the request (ResponseHeaders): no detail", outcome.Error?.Message);
    }

    [Fact]
    public void From_LimitWithFractionalSeconds_NamesItToTheMillisecond()
    {
        var limits = new ForwardLimits(TimeSpan.FromSeconds(1.23456), TimeSpan.FromSeconds(5));

        var outcome = ForwardOutcome.From(ForwarderError.RequestTimedOut, new OperationCanceledException(), Instance, limits, budgetExpired: false, bodyComplete: true);

        Assert.Equal("instance fn-1 did not answer within the function's timeout (1.235 s)", outcome.Error?.Message);
    }
}
