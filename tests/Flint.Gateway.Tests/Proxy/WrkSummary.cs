namespace Flint.Gateway.Tests.Proxy;

/// <summary>
/// What one wrk run counted, as its <c>done</c> script printed it: the requests completed, wrk's socket errors
/// (connect, read, write, timeout) and every response whose status was not 2xx.
/// </summary>
internal sealed record WrkSummary(long Requests, long Connect, long Read, long Write, long Timeout, long Non2xx)
{
    public long SocketErrors => Connect + Read + Write + Timeout;
}
