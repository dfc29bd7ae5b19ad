using Flint.Bench.Gateway;

namespace Flint.Bench.Tests.Gateway;

public sealed class LoopbackAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:8080/")]
    public void Require_Loopback_Accepted(string url)
    {
        Assert.Equal(new Uri(url), LoopbackAddress.Require(new Uri(url)));
    }

    [Fact]
    public void Require_PathWithoutTrailingSlash_SlashAdded()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/flint/"), LoopbackAddress.Require(new Uri("http://127.0.0.1:8080/flint")));
    }

    [Theory]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://example.com/")]
    [InlineData("https://127.0.0.1/")]
    public void Require_NotLoopbackHttp_Throws(string url)
    {
        Assert.Throws<ArgumentException>(() => LoopbackAddress.Require(new Uri(url)));
    }
}
