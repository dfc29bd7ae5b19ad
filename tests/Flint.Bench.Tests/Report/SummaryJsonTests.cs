using Flint.Bench.Report;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.Report;

public sealed class SummaryJsonTests
{
    [Fact]
    public void Deserialize_Serialized_RoundTripsEveryField()
    {
        var json = SummaryJson.Serialize(SyntheticResult.Create());

        var back = SummaryJson.Deserialize(json);

        Assert.Equal(json, SummaryJson.Serialize(back));
        Assert.Equal("Test CPU", back.Machine.CpuModel);
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), back.Options.GatewayUrl);
        Assert.Equal("daemon not running", Assert.Single(back.Unavailable).Reason);
        Assert.Equal(11.5, back.ColdStarts.Single(c => c.Runtime == "crun").Total!.Median);
    }

    [Fact]
    public void Serialize_Result_CamelCaseAndNoRawSamples()
    {
        var json = SummaryJson.Serialize(SyntheticResult.Create());

        Assert.Contains("\"coldStarts\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ratioToProcess\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"samples\"", json, StringComparison.Ordinal);
    }
}
