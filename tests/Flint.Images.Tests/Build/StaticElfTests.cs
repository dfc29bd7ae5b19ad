using Flint.Images.Build;
using Flint.Testing;

namespace Flint.Images.Tests.Build;

public class StaticElfTests
{
    private const string Hello = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";

    [Fact]
    public void WhyNotStatic_StaticNonPie_IsNull()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "hello", Hello, "-static", "-no-pie");
        Assert.Null(StaticElf.WhyNotStatic(elf));
    }

    [Fact]
    public void WhyNotStatic_StaticPie_IsNull()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "hello", Hello, "-static-pie");
        Assert.Null(StaticElf.WhyNotStatic(elf));
    }

    [Fact]
    public void WhyNotStatic_DynamicExecutable_NamesTheInterpreter()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "hello", Hello, "-O2");
        Assert.Contains("dynamically linked", StaticElf.WhyNotStatic(elf), StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNotStatic_TextFile_IsNotElf()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("script.sh");
        File.WriteAllText(path, "#!/bin/sh\necho hi\n");
        Assert.Equal("not an ELF file", StaticElf.WhyNotStatic(path));
        Assert.False(StaticElf.LooksLikeElf(path));
    }

    [Fact]
    public void WhyNotStatic_TruncatedProgramHeaders_IsRejected()
    {
        using var dir = new TempDirectory();
        var elf = StaticPrograms.Compile(dir, "hello", Hello, "-static");
        var bytes = File.ReadAllBytes(elf);
        BitConverter.TryWriteBytes(bytes.AsSpan(32), (ulong)bytes.Length - 8);
        var broken = dir.Combine("broken");
        File.WriteAllBytes(broken, bytes);
        Assert.Equal("program headers are out of bounds", StaticElf.WhyNotStatic(broken));
    }
}
