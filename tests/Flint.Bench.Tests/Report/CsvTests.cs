using Flint.Bench.ColdStart;
using Flint.Bench.Report;
using Flint.Bench.Tests.Fakes;

namespace Flint.Bench.Tests.Report;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_Field_QuotedOnlyWhenNeeded(string? field, string expected)
    {
        Assert.Equal(expected, Csv.Escape(field));
    }

    [Fact]
    public void Write_Samples_FixedColumnsThenOnePhaseColumnPerPhaseSeen()
    {
        var writer = new StringWriter();
        ColdStartSample[] samples =
        [
            Samples.Ok("process", 1.5, 0, new PhaseOffset("create", 0.25), new PhaseOffset("ready", 1)),
            Samples.Ok("crun", 7, 1, new PhaseOffset("bundle", 2)),
            Samples.Failed("crun", 2),
        ];

        ColdStartCsv.Write(samples, writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,runtime,iteration,total_ms,status,body_ok,cold_start,instance,error,phase_create_ms,phase_ready_ms,phase_bundle_ms", lines[0]);
        Assert.Equal("0,process,0,1.5000,200,true,true,process-1,,0.2500,1.0000,", lines[1]);
        Assert.Equal("1,crun,1,7.0000,200,true,true,crun-1,,,,2.0000", lines[2]);
        Assert.Equal("2,crun,2,5.0000,500,false,,,\"HTTP 500: boom, \"\"quoted\"\"\",,,", lines[3]);
    }
}
