namespace Flint.Gateway.Proxy;

/// <summary>
/// The client's request body, read through a wrapper that notes when it has been read to its end, so
/// a request that ran out of time can be told apart: still waiting on the client's body (408) or on
/// the instance (504).
/// </summary>
internal sealed class ObservedRequestBody : Stream
{
    private readonly Stream _inner;

    private ObservedRequestBody(Stream inner, bool complete)
    {
        _inner = inner;
        IsComplete = complete;
    }

    /// <summary>True once the body has been read to its end (at once for a request without a body).</summary>
    public bool IsComplete { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Replaces the request's body with an observed one.</summary>
    public static ObservedRequestBody Attach(HttpRequest request)
    {
        var canHaveBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        var body = new ObservedRequestBody(request.Body, complete: !canHaveBody || request.ContentLength == 0);
        request.Body = body;
        return body;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        IsComplete |= read == 0 && buffer.Length > 0;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        IsComplete |= read == 0 && count > 0;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
