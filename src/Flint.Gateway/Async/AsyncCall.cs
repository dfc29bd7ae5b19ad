namespace Flint.Gateway.Async;

/// <summary>
/// An invocation accepted on <c>/async-function/{name}</c> and waiting its turn: the request as
/// received (less the headers that describe the connection), and where to post the result.
/// <c>PresentedToken</c>: the caller showed the admin token, so the replay presents it too.
/// </summary>
internal sealed record AsyncCall(
    string CallId,
    string Function,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    byte[] Body,
    Uri? CallbackUrl,
    bool PresentedToken);
