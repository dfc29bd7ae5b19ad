using Flint.Gateway.Functions;
using Flint.Gateway.Logs;
using Flint.Gateway.Proxy;
using Flint.Gateway.Scaling;
using Flint.Gateway.Tests.Scaling;
using Flint.Images;
using Flint.Images.Oci;
using Flint.Runtimes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flint.Gateway.Tests.Proxy;

public sealed class InstanceTransformerTests
{
    private static readonly FunctionImage Image = new("/images/none", "sha256:0", ["/hello"], [], new OciDescriptor("layer", "sha256:1", 0));

    [Fact]
    public async Task TransformRequestAsync_SendsThePathAfterTheFunctionWithTheQueryAndMarksForward()
    {
        var timeline = PhaseTimeline.StartNow();
        var transformer = new InstanceTransformer("/echo/deeper", Lease(cold: false), timeline);
        var context = new DefaultHttpContext();
        context.Request.Path = "/function/f/echo/deeper";
        context.Request.QueryString = new QueryString("?x=1");
        using var proxyRequest = new HttpRequestMessage();

        await transformer.TransformRequestAsync(context, proxyRequest, "http://127.0.0.1:40001/", TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("http://127.0.0.1:40001/echo/deeper?x=1"), proxyRequest.RequestUri);
        Assert.NotNull(timeline[RequestPhases.Forward]);
    }

    [Fact]
    public async Task TransformResponseAsync_ColdStart_NamesTheInstanceAndAddsItsBootPhases()
    {
        var timeline = PhaseTimeline.StartNow();
        timeline.Mark(RequestPhases.Acquired);
        var lease = Lease(cold: true);
        var context = new DefaultHttpContext();
        using var proxyResponse = new HttpResponseMessage(System.Net.HttpStatusCode.OK);

        var proceed = await new InstanceTransformer("/", lease, timeline).TransformResponseAsync(context, proxyResponse, TestContext.Current.CancellationToken);

        Assert.True(proceed);
        Assert.Equal(lease.Instance.Id, context.Response.Headers[InstanceTransformer.InstanceHeader]);
        Assert.Equal("true", context.Response.Headers[InstanceTransformer.ColdStartHeader]);
        Assert.Equal(["acquired", "answered", "create"], Phases(context).Order());
    }

    [Fact]
    public async Task TransformResponseAsync_WarmInstance_SaysSoAndListsOnlyTheRequestsPhases()
    {
        var timeline = PhaseTimeline.StartNow();
        timeline.Mark(RequestPhases.Acquired);
        var context = new DefaultHttpContext();
        using var proxyResponse = new HttpResponseMessage(System.Net.HttpStatusCode.OK);

        await new InstanceTransformer("/", Lease(cold: false), timeline).TransformResponseAsync(context, proxyResponse, TestContext.Current.CancellationToken);

        Assert.Equal("false", context.Response.Headers[InstanceTransformer.ColdStartHeader]);
        Assert.Equal(["acquired", "answered"], Phases(context));
    }

    private static string[] Phases(HttpContext context) =>
        [.. context.Response.Headers[InvocationPhases.HeaderName].ToString().Split(';').Select(p => p.Split('=')[0])];

    private static InstanceLease Lease(bool cold)
    {
        var runtime = new RecordingRuntime();
        var function = new FunctionDefinition(
            "f", "/images/none", runtime.Name, FunctionMode.KeepWarm, new Dictionary<string, string>(), ResourceLimits.None, TimeSpan.FromSeconds(30), 1, 1, TimeSpan.FromSeconds(30));
        var pool = new FunctionPool(function, runtime, Image, new FunctionLogBuffer(10), NullLogger.Instance, TimeProvider.System);
        var boot = new PhaseTimeline(System.Diagnostics.Stopwatch.GetTimestamp() - 1000);
        boot.Mark(InstancePhases.Create, boot.OriginTimestamp);
        var instance = new Instance("f-1", runtime.Name, 40001, boot, runtime);
        return new InstanceLease(pool, new PooledInstance(TimeProvider.System), instance, cold);
    }
}
