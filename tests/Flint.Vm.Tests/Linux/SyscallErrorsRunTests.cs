using Flint.Testing;

namespace Flint.Vm.Tests.Linux;

/// <summary>
/// The error paths of the signal, identity, futex and clock syscalls (Programs/syscall_errors.c), compared
/// line by line with the same program run natively, on every platform this host has.
/// </summary>
public sealed class SyscallErrorsRunTests
{
    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_SignalIdentityFutexAndClockErrors_ReturnWhatLinuxReturns(string platform)
    {
        var elf = GuestPrograms.Build("syscall_errors");
        var native = NativeProgram.Run(elf, []);
        Assert.Equal(0, native.ExitCode);

        var (result, stdout, stderr) = await GuestRun.RunAsync(platform, elf);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WithoutRseq(native.Stdout), WithoutRseq(stdout));
        // rseq is refused as unimplemented (Linux would register it), so the C library carries on without it.
        Assert.Contains("rseq -38", lines);
        Assert.Contains("tgkill group 0 -22", lines);
        Assert.Contains("sigaltstack change on it -1", lines);
        Assert.Contains("prlimit raise hard -1", lines);
    }

    private static string[] WithoutRseq(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("rseq ", StringComparison.Ordinal))];
}
