using Flint.Bench.Progress;

namespace Flint.Bench.Tests.Progress;

public sealed class BenchProgressTests
{
    [Fact]
    public void Counter_NotLive_OneLinePerQuarter()
    {
        var writer = new StringWriter();
        var progress = new BenchProgress(writer, live: false);

        progress.Step("cold starts");
        for (var i = 1; i <= 8; i++)
        {
            progress.Counter("requests", i, 8);
        }

        Assert.Equal(["[bench] cold starts", "[bench] requests: 2/8", "[bench] requests: 4/8", "[bench] requests: 6/8", "[bench] requests: 8/8"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Counter_Live_RedrawsInPlaceThenStepStartsANewLine()
    {
        var writer = new StringWriter();
        var progress = new BenchProgress(writer, live: true);

        progress.Counter("requests", 1, 2);
        progress.Counter("requests", 2, 2);
        progress.Step("done");

        Assert.Equal("\r[bench] requests: 1/2   \r[bench] requests: 2/2   \n[bench] done\n", writer.ToString());
    }
}
