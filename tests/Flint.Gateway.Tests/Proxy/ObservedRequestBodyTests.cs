using Flint.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flint.Gateway.Tests.Proxy;

public sealed class ObservedRequestBodyTests
{
    [Fact]
    public async Task ReadAsync_ToTheEnd_IsComplete()
    {
        var body = Attach("abc", contentLength: 3);
        var buffer = new byte[2];

        Assert.Equal(2, await body.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken));
        Assert.False(body.IsComplete);
#pragma warning disable CA1835 // the array overload is the one under test here
        Assert.Equal(1, await body.ReadAsync(buffer, 0, 2, TestContext.Current.CancellationToken));
#pragma warning restore CA1835
        Assert.False(body.IsComplete);
        Assert.Equal(0, await body.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken));
        Assert.True(body.IsComplete);
    }

    [Fact]
    public async Task ReadAsync_EmptyBufferAtTheEnd_IsNotYetComplete()
    {
        var body = Attach("", contentLength: null);

        Assert.Equal(0, await body.ReadAsync(Memory<byte>.Empty, TestContext.Current.CancellationToken));

        Assert.False(body.IsComplete);
    }

    [Fact]
    public void Read_ToTheEnd_IsComplete()
    {
        var body = Attach("a", contentLength: null);
        var buffer = new byte[4];

        Assert.Equal(1, body.Read(buffer, 0, 4));
        Assert.False(body.IsComplete);
        Assert.Equal(0, body.Read(buffer, 0, 0));
        Assert.False(body.IsComplete);
        Assert.Equal(0, body.Read(buffer, 0, 4));
        Assert.True(body.IsComplete);
    }

    [Fact]
    public async Task ReadAsync_PastTheEndTwice_StaysComplete()
    {
        var body = Attach("", contentLength: null);
        var buffer = new byte[4];

        Assert.Equal(0, await body.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken));
        Assert.Equal(0, await body.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken));
        Assert.Equal(0, body.Read(buffer, 0, 4));

        Assert.True(body.IsComplete);
    }

    [Fact]
    public void Attach_ContentLengthZero_IsCompleteAtOnce()
    {
        Assert.True(Attach("", contentLength: 0).IsComplete);
    }

    [Fact]
    public void Attach_RequestThatCannotHaveABody_IsCompleteAtOnce()
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());

        Assert.True(ObservedRequestBody.Attach(context.Request).IsComplete);
    }

    [Fact]
    public void Attach_ReplacesTheRequestBody()
    {
        var context = new DefaultHttpContext();

        var body = ObservedRequestBody.Attach(context.Request);

        Assert.Same(body, context.Request.Body);
        Assert.False(body.IsComplete);
        Assert.True(body.CanRead);
        Assert.False(body.CanWrite);
        Assert.False(body.CanSeek);
    }

    private static ObservedRequestBody Attach(string content, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(content));
        context.Request.ContentLength = contentLength;
        return ObservedRequestBody.Attach(context.Request);
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }
}
