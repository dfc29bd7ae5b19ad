using Flint.Testing;

namespace Flint.Vm.Tests.Linux;

/// <summary>C guests that send signals to themselves, compared with the same programs run natively, on every platform this host has.</summary>
public sealed class SignalSyscallsRunTests
{
    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_BlockedSignalSentToItself_WaitsUntilUnblockedThenArrivesOnce(string platform)
    {
        var elf = GuestPrograms.Build("blocked_signal");
        var native = NativeProgram.Run(elf, []);
        Assert.Equal(0, native.ExitCode);

        var (result, stdout, stderr) = await GuestRun.RunAsync(platform, elf);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {stderr}");
        Assert.Equal(native.Stdout, stdout);
        Assert.Contains("kill while blocked: delivered 0\nkill after unblock: delivered 1\n", stdout, StringComparison.Ordinal);
    }
}
