using System.Text.Json.Serialization;

namespace Flint.Gateway;

/// <summary>
/// A failure on the request path, as a value: the HTTP status and the JSON body
/// <c>{ "error": "...", "outputTail": "..." }</c> the client receives. The output tail holds the
/// last lines a failed instance printed, when there are some.
/// </summary>
internal sealed record ApiError(int Status, string Message, string? OutputTail = null)
{
    /// <summary>When set, sent as <c>Retry-After</c> (whole seconds): the refusal is about load, and a retry may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The function whose instance failed, when the failure is one instance's.</summary>
    public string? Function { get; init; }

    public IResult ToResult() => Results.Json(Body(), statusCode: Status);

    /// <summary>Writes the error unless the response has already started (then there is nothing left to say).</summary>
    public async Task WriteAsync(HttpContext context)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = Status;
        if (RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsJsonAsync(Body(), context.RequestAborted);
    }

    private Payload Body() => new(Message, Function, string.IsNullOrEmpty(OutputTail) ? null : OutputTail);

    private sealed record Payload(
        string Error,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Function,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OutputTail);
}
