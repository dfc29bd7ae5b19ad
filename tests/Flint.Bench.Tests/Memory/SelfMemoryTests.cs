using Flint.Bench.Memory;
using Flint.Testing;

namespace Flint.Bench.Tests.Memory;

public sealed class SelfMemoryTests
{
    [Fact]
    public void PssBytes_SmapsRollup_ReadsThePssLineInBytes()
    {
        using var directory = new TempDirectory("flint-self-memory");
        var path = Path.Combine(directory.Path, "smaps_rollup");
        File.WriteAllText(path, "00400000-7fff0000 ---p 00000000 00:00 0 [rollup]\nRss:  2048 kB\nPss:  1536 kB\nPss_Anon:  1024 kB\n");

        Assert.Equal(1536L * 1024, SelfMemory.PssBytes(path));
    }

    [Fact]
    public void PssBytes_NoFile_IsNull() => Assert.Null(SelfMemory.PssBytes("/nonexistent/smaps_rollup"));

    [Fact]
    public void PssBytes_ThisProcess_IsPositive() => Assert.True(SelfMemory.PssBytes() > 0);
}
