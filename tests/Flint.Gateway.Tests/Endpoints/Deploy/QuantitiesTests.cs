using System.Text.Json;
using Flint.Gateway.Endpoints.Deploy;

namespace Flint.Gateway.Tests.Endpoints.Deploy;

public sealed class QuantitiesTests
{
    [Theory]
    [InlineData("65536", 65536L)]
    [InlineData("\"65536\"", 65536L)]
    [InlineData("\"2Ki\"", 2L << 10)]
    [InlineData("\"128Mi\"", 128L << 20)]
    [InlineData("\"3Gi\"", 3L << 30)]
    [InlineData("\"5Ti\"", 5L << 40)]
    [InlineData("\"2K\"", 2_000L)]
    [InlineData("\"128M\"", 128_000_000L)]
    [InlineData("\"3G\"", 3_000_000_000L)]
    [InlineData("\"5T\"", 5_000_000_000_000L)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    [InlineData("\"9007199254740991Ki\"", 9007199254740991L << 10)]
    public void Bytes_SizeWithOrWithoutUnit_IsThatManyBytes(string json, long expected) =>
        Assert.Equal(expected, Quantities.Bytes(Parse(json)));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("\"0\"")]
    [InlineData("\"0Mi\"")]
    [InlineData("\"9007199254740992Ki\"")]
    [InlineData("\"12 Mi\"")]
    [InlineData("\"1mi\"")]
    [InlineData("\"lots\"")]
    [InlineData("true")]
    public void Bytes_NotAPositiveSize_IsNull(string json) =>
        Assert.Null(Quantities.Bytes(Parse(json)));

    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("0.25", 250)]
    [InlineData("\"30s\"", 30_000)]
    [InlineData("\"1.5s\"", 1_500)]
    [InlineData("\"500ms\"", 500)]
    [InlineData("\"1ms\"", 1)]
    [InlineData("\"2m\"", 120_000)]
    [InlineData("\"1h\"", 3_600_000)]
    [InlineData("\"24h\"", 86_400_000)]
    [InlineData("86400", 86_400_000)]
    public void Duration_NumberOfSecondsOrWithUnit_IsThatLong(string json, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Quantities.Duration(Parse(json)));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0005")]
    [InlineData("86400.001")]
    [InlineData("\"0s\"")]
    [InlineData("\"0.5ms\"")]
    [InlineData("\"25h\"")]
    [InlineData("\"1441m\"")]
    [InlineData("\"30\"")]
    [InlineData("\"30 s\"")]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    public void Duration_NotBetweenAMillisecondAndADay_IsNull(string json) =>
        Assert.Null(Quantities.Duration(Parse(json)));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
