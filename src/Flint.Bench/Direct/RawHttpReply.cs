namespace Flint.Bench.Direct;

/// <summary>An HTTP/1.1 response read off a socket: status and body; status 0 when none came (then <see cref="Error"/> says why).</summary>
public sealed record RawHttpReply(int Status, string Body, string? Error)
{
    public static RawHttpReply Failed(string error) => new(0, "", error);
}
