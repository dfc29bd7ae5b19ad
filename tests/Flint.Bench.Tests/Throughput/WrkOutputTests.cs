using Flint.Bench.Throughput;

namespace Flint.Bench.Tests.Throughput;

public sealed class WrkOutputTests
{
    private const string Report = """
        Running 3s test @ http://127.0.0.1:8080/function/hello/
          1 threads and 4 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   412.50us  120.00us   4.10ms   90.00%
            Req/Sec     9.50k   500.00    10.10k    70.00%
          Latency Distribution
             50%  398.00us
             75%  450.00us
             90%  520.00us
             99%    1.25ms
          28500 requests in 3.00s, 4.10MB read
          Socket errors: connect 0, read 2, write 0, timeout 1
          Non-2xx or 3xx responses: 4
        Requests/sec:   9500.12
        Transfer/sec:      1.37MB
        """;

    [Fact]
    public void Parse_LatencyReport_CountsRatePercentilesAndErrors()
    {
        var result = WrkOutput.Parse(Report.Replace("\n  ", "\n", StringComparison.Ordinal));

        Assert.NotNull(result);
        Assert.Equal(28500, result.Requests);
        Assert.Equal(3.0, result.Seconds, 9);
        Assert.Equal(9500.12, result.RequestsPerSecond, 9);
        Assert.Equal(0.398, result.P50Milliseconds!.Value, 9);
        Assert.Equal(1.25, result.P99Milliseconds!.Value, 9);
        Assert.Equal(3, result.SocketErrors);
        Assert.Equal(4, result.Non2xxResponses);
    }

    [Fact]
    public void Parse_SecondsAndNoErrorLines_ConvertedAndZero()
    {
        var result = WrkOutput.Parse("""
              50%   75.61ms
              99%    1.10s
              26 requests in 1.03s, 2.62MB read
            Requests/sec:     25.30
            """);

        Assert.NotNull(result);
        Assert.Equal(75.61, result.P50Milliseconds!.Value, 9);
        Assert.Equal(1100, result.P99Milliseconds!.Value, 9);
        Assert.Equal(0, result.SocketErrors);
        Assert.Equal(0, result.Non2xxResponses);
    }

    [Theory]
    [InlineData("unable to connect to 127.0.0.1:18932 Connection refused")]
    [InlineData("")]
    public void Parse_NoSummary_Null(string text)
    {
        Assert.Null(WrkOutput.Parse(text));
    }

    [Fact]
    public void Arguments_OutOfBounds_ClampedToOneThreadBoundedConnectionsAndTime()
    {
        var arguments = WrkRunner.Arguments(new Uri("http://127.0.0.1:9/"), 1000, TimeSpan.FromMinutes(5));

        Assert.Equal(["-t1", "-c64", "-d30s", "--latency", "--timeout", "2s", "http://127.0.0.1:9/"], arguments);
    }
}
