using Flint.Runtimes.Vm;
using Flint.Vm;

namespace Flint.Runtimes.Tests.Vm;

public sealed class VmMemoryLimitTests
{
    [Theory]
    [InlineData(null, VmRunOptions.DefaultMemoryLimitBytes)]
    [InlineData(1L, 16UL << 20)]
    [InlineData((64L << 20) + 1, (64UL << 20) + 4096)]
    [InlineData(8L << 30, 1UL << 30)]
    public void MemoryLimit_SpecLimit_BecomesWholePagesWithinTheVmRange(long? bytes, ulong expected)
    {
        Assert.Equal(expected, VmRuntime.MemoryLimit(new ResourceLimits(MemoryBytes: bytes)));
    }
}
