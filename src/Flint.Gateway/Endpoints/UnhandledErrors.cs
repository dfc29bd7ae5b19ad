namespace Flint.Gateway.Endpoints;

/// <summary>
/// Turns an unexpected exception into a JSON 500 that shows no internals (the log keeps the detail), and a
/// store that cannot be written into a 507 (full) or 503 that says so.
/// </summary>
internal sealed class UnhandledErrors
{
    private readonly RequestDelegate _next;
    private readonly ILogger<UnhandledErrors> _logger;

    public UnhandledErrors(RequestDelegate next, ILogger<UnhandledErrors> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (Store.StoreException e)
        {
            GatewayLog.UnhandledError(_logger, context.Request.Method, context.Request.Path, e);
            await new ApiError(e.Status, e.Message).WriteAsync(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.UnhandledError(_logger, context.Request.Method, context.Request.Path, e);
            await new ApiError(StatusCodes.Status500InternalServerError, "internal gateway error; see the gateway log").WriteAsync(context);
        }
    }
}
