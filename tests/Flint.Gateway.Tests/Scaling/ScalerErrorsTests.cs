using Flint.Gateway.Scaling;
using Flint.Runtimes;
using Microsoft.AspNetCore.Http;

namespace Flint.Gateway.Tests.Scaling;

public sealed class ScalerErrorsTests
{
    [Fact]
    public void StartFailed_InstanceStartException_Is502WithTheInstancesOutput()
    {
        var error = ScalerErrors.StartFailed("f", new InstanceStartException("exited with status 1", "last line\n"));

        Assert.Equal(new ApiError(StatusCodes.Status502BadGateway, "function 'f' failed to start: exited with status 1", "last line\n"), error);
    }

    [Fact]
    public void StartFailed_UnexpectedException_Is502NamingItsMessage()
    {
        var error = ScalerErrors.StartFailed("f", new InvalidOperationException("no free port"));

        Assert.Equal(new ApiError(StatusCodes.Status502BadGateway, "function 'f' failed to start: no free port"), error);
    }

    [Fact]
    public void StartFailed_CancelledOrDisposedByAClose_Is503Closing()
    {
        Assert.Equal(ScalerErrors.Closing("f"), ScalerErrors.StartFailed("f", new OperationCanceledException()));
        Assert.Equal(ScalerErrors.Closing("f"), ScalerErrors.StartFailed("f", new ObjectDisposedException("pool")));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ScalerErrors.Closing("f").Status);
    }
}
