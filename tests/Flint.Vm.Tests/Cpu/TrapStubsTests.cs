using System.Globalization;
using Flint.Testing;
using Flint.Vm.Cpu;

namespace Flint.Vm.Tests.Cpu;

public sealed class TrapStubsTests
{
    [Fact]
    public void UserPage_MatchesAssembledSource()
    {
        var expected = Assemble(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cpu", "TrapStubs.S")));
        var page = TrapStubs.UserPage();
        Assert.Equal(expected, page.AsSpan(0, expected.Length).ToArray());
        Assert.All(page.AsSpan(expected.Length).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void IretResume_MatchesAssembledIretq()
    {
        Assert.Equal(Assemble(".code64\n.text\niretq\n"), TrapStubs.IretResume());
    }

    [Fact]
    public void Doorbell_AddressesItsSlot()
    {
        var stub = TrapStubs.ExceptionEntry(14);
        var address = BitConverter.ToUInt32(stub, 3);
        Assert.Equal(Layout.DoorbellPage + (8 * (ulong)(Layout.ExceptionDoorbellBase + 14)), address);
        Assert.Equal(Layout.ExceptionDoorbellBase + 14, BitConverter.ToInt32(stub, 7));
        Assert.True(address < 0x8000_0000, "disp32 is sign-extended: the doorbell must lie below 2 GiB");
    }

    private static byte[] Assemble(string source)
    {
        HostRequirements.RequireCommand("as", "binutils");
        HostRequirements.RequireCommand("objcopy", "binutils");
        using var dir = new TempDirectory("flint-stubs");
        var src = dir.Combine("stubs.S");
        File.WriteAllText(src, source);
        var obj = dir.Combine("stubs.o");
        var bin = dir.Combine("stubs.bin");
        var asm = NativeProgram.Run("as", ["--defsym", "DOORBELL=" + Layout.DoorbellPage.ToString(CultureInfo.InvariantCulture),
            "--defsym", "EXC_BASE=" + Layout.ExceptionStubOffset.ToString(CultureInfo.InvariantCulture), "-o", obj, src]);
        Assert.True(asm.ExitCode == 0, asm.Stderr);
        var copy = NativeProgram.Run("objcopy", ["-O", "binary", "-j", ".text", obj, bin]);
        Assert.True(copy.ExitCode == 0, copy.Stderr);
        return File.ReadAllBytes(bin);
    }
}
