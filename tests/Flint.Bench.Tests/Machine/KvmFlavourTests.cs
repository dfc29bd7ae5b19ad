using Flint.Bench.Machine;

namespace Flint.Bench.Tests.Machine;

public sealed class KvmFlavourTests
{
    private static readonly HashSet<string> NoVirtualizationFlags = ["sse2", "avx2"];

    [Fact]
    public void Classify_NoDevKvm_None()
    {
        Assert.Equal(KvmFlavour.None, KvmFlavour.Classify(false, false, new HashSet<string> { "vmx" }));
    }

    [Fact]
    public void Classify_DevKvmWithoutVmxOrSvm_Pvm()
    {
        Assert.Equal(KvmFlavour.Pvm, KvmFlavour.Classify(true, false, NoVirtualizationFlags));
    }

    [Fact]
    public void Classify_PvmModuleLoaded_PvmEvenWithFlags()
    {
        Assert.Equal(KvmFlavour.Pvm, KvmFlavour.Classify(true, true, new HashSet<string> { "svm" }));
    }

    [Theory]
    [InlineData("vmx", KvmFlavour.VtX)]
    [InlineData("svm", KvmFlavour.Svm)]
    public void Classify_HardwareFlag_ThatFlavour(string flag, string expected)
    {
        Assert.Equal(expected, KvmFlavour.Classify(true, false, new HashSet<string> { "sse2", flag }));
    }

    [Fact]
    public void CpuFlags_CpuinfoLines_FirstFlagsLineSplit()
    {
        string[] lines = ["processor\t: 0", "model name\t: Some CPU", "flags\t\t: fpu vme svm sse2", "flags\t\t: other"];

        Assert.Equal(new HashSet<string> { "fpu", "vme", "svm", "sse2" }, KvmFlavour.CpuFlags(lines));
    }
}
