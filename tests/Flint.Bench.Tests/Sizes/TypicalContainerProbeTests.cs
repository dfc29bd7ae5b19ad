using Flint.Bench.Host;
using Flint.Bench.Sizes;

namespace Flint.Bench.Tests.Sizes;

public sealed class TypicalContainerProbeTests
{
    [Fact]
    public async Task MeasureAsync_NoProjectNoDebootstrap_RuntimeMeasuredAndMissingPartsNamed()
    {
        if (ExecutableSearch.Find("debootstrap") is not null)
        {
            Assert.Skip("debootstrap is installed: this test covers the row without it (running it takes minutes)");
        }

        var typical = await TypicalContainerProbe.MeasureAsync(null, "bookworm", TestContext.Current.CancellationToken);

        var runtime = Assert.Single(typical.Parts);
        Assert.StartsWith("Microsoft.NETCore.App ", runtime.Name, StringComparison.Ordinal);
        Assert.True(runtime.Bytes > 1_000_000);
        Assert.False(typical.IsComplete);
        Assert.Equal(2, typical.Missing.Count);
        Assert.Contains(typical.Missing, m => m.Contains("debootstrap is not installed", StringComparison.Ordinal));
    }
}
