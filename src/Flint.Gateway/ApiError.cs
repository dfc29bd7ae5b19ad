using System.Text.Json.Serialization;

namespace Flint.Gateway;

/// <summary>
/// A failure on the request path, as a value: the HTTP status and the JSON body
/// <c>{ "error": "...", "outputTail": "..." }</c> the client receives. The output tail holds the
/// last lines a failed instance printed, when there are some.
/// </summary>
internal sealed record ApiError(int Status, string Message, string? OutputTail = null)
{
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
        await context.Response.WriteAsJsonAsync(Body(), context.RequestAborted);
    }

    private Payload Body() => new(Message, string.IsNullOrEmpty(OutputTail) ? null : OutputTail);

    private sealed record Payload(
        string Error,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OutputTail);
}
