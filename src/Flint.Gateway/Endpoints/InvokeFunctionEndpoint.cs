using System.Diagnostics;
using Flint.Gateway.Admission;
using Flint.Gateway.Functions;
using Flint.Gateway.Metrics;
using Flint.Gateway.Proxy;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Runtimes;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>/function/{name}/{**path}</c>, any method: leases an instance of the function, forwards the
/// request (method, path, query, headers, body), then releases the lease once the response is
/// complete, recording each phase. A function deployed with <c>auth</c> needs the admin token; the
/// admin token itself is never forwarded to a function.
/// </summary>
internal static class InvokeFunctionEndpoint
{
    /// <summary>The status metrics record when the client went away first (nginx's 499): no response reached it.</summary>
    public const int ClientClosedRequest = 499;

    public static void Map(IEndpointRouteBuilder routes) => routes.Map("/function/{name}/{**path}", InvokeAsync);

    private static async Task InvokeAsync(
        HttpContext context, string name, FunctionCatalog catalog, Scaler scaler, InstanceForwarder forwarder, GatewayMetrics metrics, GatewayOptions options, AdminToken token, InvocationGate gate, ILogger<InstanceForwarder> logger)
    {
        var timeline = new PhaseTimeline(Stopwatch.GetTimestamp());
        if (catalog.Find(name) is not { } function)
        {
            await UnknownFunction.Error(name).WriteAsync(context);
            return;
        }

        var presentsToken = RequestCredentials.Authorize(context.Request, token);
        if (function.RequireAuth && !presentsToken)
        {
            await Unauthorized.WriteAsync(context, $"function '{name}'");
            metrics.CountInvocation(name, StatusCodes.Status401Unauthorized);
            return;
        }

        if (presentsToken)
        {
            context.Request.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.Authorization);
        }

        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await new ApiError(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than the gateway accepts ({options.MaxRequestBodyBytes} bytes)").WriteAsync(context);
            metrics.CountInvocation(name, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        var (ticket, busy) = await gate.EnterAsync(function.Timeout, context.RequestAborted);
        if (ticket is null)
        {
            await busy!.WriteAsync(context);
            metrics.CountInvocation(name, busy.Status);
            return;
        }

        using var admitted = ticket;
        var (lease, refused) = await scaler.AcquireAsync(function, context.RequestAborted);
        if (lease is null)
        {
            await refused!.WriteAsync(context);
            metrics.CountInvocation(name, refused.Status);
            return;
        }

        timeline.Mark(RequestPhases.Acquired);
        var outcome = new ForwardOutcome(null, InstanceBroken: true);
        try
        {
            context.Request.Path.StartsWithSegments($"/function/{name}", out var path);
            outcome = await forwarder.ForwardAsync(context, lease, path.HasValue ? path : "/", function.Timeout, timeline);
            if (outcome is { InstanceBroken: true, Error.Status: StatusCodes.Status502BadGateway } && !context.Response.HasStarted)
            {
                // Stopped first, so its runtime can say how it ended (an OOM kill, its last lines).
                await lease.ReleaseAsync(broken: true);
                outcome = outcome with { Error = ServingFailure.Describe(outcome.Error, name, lease.Instance, function.Limits.MemoryBytes) };
            }

            if (outcome.Error is not null)
            {
                await outcome.Error.WriteAsync(context);
            }

            await context.Response.CompleteAsync();
            timeline.Mark(RequestPhases.Response);
        }
        finally
        {
            metrics.CountInvocation(name, context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : context.Response.StatusCode);
            metrics.ObserveRequest(name, timeline[RequestPhases.Response] ?? Stopwatch.GetElapsedTime(timeline.OriginTimestamp));

            // Not awaited: the response is complete, and the connection's next request would wait for this handler,
            // hence for a single-use instance's whole stop. Capacity comes back once the stop is over.
            _ = ReleaseAsync(name, lease, outcome.InstanceBroken, timeline, metrics, logger);
        }
    }

    /// <summary>
    /// Releases the lease (for a single-use instance: stops it), then records the cold start's phases, the stop's
    /// end (<see cref="RequestPhases.Teardown"/>) among them. A failure is logged, never thrown at nobody.
    /// </summary>
    private static async Task ReleaseAsync(string name, InstanceLease lease, bool broken, PhaseTimeline timeline, GatewayMetrics metrics, ILogger logger)
    {
        try
        {
            await lease.ReleaseAsync(broken);
        }
        catch (Exception e)
        {
            GatewayLog.InstanceStopFailed(logger, lease.Instance.Id, e);
        }

        timeline.Mark(RequestPhases.Teardown);
        if (lease.IsColdStart)
        {
            foreach (var (phase, offset) in InvocationPhases.Collect(timeline, lease.Instance))
            {
                metrics.ObserveColdStart(lease.Instance.RuntimeName, phase, offset);
            }

            if (timeline[RequestPhases.Acquired] is { } acquired)
            {
                metrics.ObserveFunctionColdStart(name, lease.Instance.RuntimeName, acquired);
            }
        }
    }
}
