using System.Text;
using Flint.Bench.Direct;

namespace Flint.Bench.Tests.Direct;

public sealed class RawHttpResponseParserTests
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 18\r\n\r\nHello from Flint!\n";

    [Fact]
    public void Add_WholeResponseWithLength_CompleteWithStatusAndBody()
    {
        var parser = new RawHttpResponseParser();

        Assert.True(parser.Add(Encoding.ASCII.GetBytes(Hello)));
        Assert.Equal(new RawHttpReply(200, "Hello from Flint!\n", null), parser.Result(closed: false));
    }

    [Fact]
    public void Header_AfterTheHead_CaseInsensitiveRepeatsJoinedAbsentNull()
    {
        var parser = new RawHttpResponseParser();

        parser.Add("HTTP/1.1 200 OK\r\nX-Flint-Instance: hello-1\r\nVary: a\r\nvary: b\r\nContent-Length: 0\r\n\r\n"u8);

        Assert.Equal("hello-1", parser.Header("x-flint-instance"));
        Assert.Equal("a,b", parser.Header("Vary"));
        Assert.Null(parser.Header("X-Flint-Cold-Start"));
    }

    [Fact]
    public void Add_ByteByByte_CompleteOnlyAtTheLastByte()
    {
        var parser = new RawHttpResponseParser();
        var bytes = Encoding.ASCII.GetBytes(Hello);

        var completeAt = Enumerable.Range(0, bytes.Length).Where(i => parser.Add(bytes.AsSpan(i, 1))).ToList();

        Assert.Equal([bytes.Length - 1], completeAt);
        Assert.Equal("Hello from Flint!\n", parser.Result(closed: false).Body);
    }

    [Fact]
    public void Result_NoLengthAndClosed_BodyIsEverythingAfterTheHead()
    {
        var parser = new RawHttpResponseParser();

        Assert.False(parser.Add("HTTP/1.0 404 Not Found\r\n\r\nnot here"u8));
        Assert.Equal(new RawHttpReply(404, "not here", null), parser.Result(closed: true));
    }

    [Theory]
    [InlineData("", "connection closed before any response")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-", "connection closed inside the response head")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "connection closed after 5 of 10 body bytes")]
    [InlineData("SSH-2.0 hello\r\nContent-Length: 0\r\n\r\n", "malformed status line")]
    public void Result_ClosedEarlyOrMalformed_FailureSaysWhy(string received, string error)
    {
        var parser = new RawHttpResponseParser();
        parser.Add(Encoding.ASCII.GetBytes(received));

        var reply = parser.Result(closed: true);

        Assert.Equal(0, reply.Status);
        Assert.Equal(error, reply.Error);
    }
}
