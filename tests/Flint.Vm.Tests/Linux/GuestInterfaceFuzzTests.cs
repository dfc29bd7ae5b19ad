using System.Globalization;
using Flint.Vm.Linux;

namespace Flint.Vm.Tests.Linux;

/// <summary>
/// A hostile guest (Programs/fuzz.c) makes seeded random syscalls and faults: wild and boundary pointers, huge
/// lengths, random flags, numbers in and out of the table, signals to itself, privileged instructions and doorbell
/// stores. Whatever it does, the monitor answers without an exception of its own and the run ends as the guest
/// decided: its exit, its death by a signal, or, when it blocks for ever, the run's timeout. Short seeded runs on
/// every platform this host has; scripts/fuzz-guest.sh makes the long ones.
/// </summary>
public sealed class GuestInterfaceFuzzTests
{
    public static TheoryData<string, int> Seeds => VmPlatforms.With(1, 2, 3);

    public static TheoryData<string, string> BlockingEnds
        => VmPlatforms.With("block-pipe", "block-futex", "block-epoll", "block-poll", "block-inotify", "block-yield");

    public static TheoryData<string, string, int> DyingEnds => VmPlatforms.With(
        ("die-segv", Signal.SIGSEGV), ("die-wild-handler", Signal.SIGSEGV), ("die-wild-stack", Signal.SIGSEGV), ("die-kill", Signal.SIGKILL));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RunAsync_SeededRandomSyscallsAndFaults_GuestExitsAndTheMonitorReportsNoError(string platform, int seed)
    {
        // The emulated CPU is slower per trap; fewer calls keep both runs to seconds.
        var calls = platform == VmPlatform.KvmName ? 20_000 : 10_000;

        var (result, stdout, _) = await Fuzz(platform, seed, calls, "exit", TimeSpan.FromMinutes(2));

        Assert.Null(result.Failure);
        Assert.False(result.TimedOut);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {stdout}");
        Assert.StartsWith($"fuzz seed={seed} calls={calls} ", stdout, StringComparison.Ordinal);
        Assert.True(result.Report.TotalCalls > calls, $"{result.Report.TotalCalls} calls reached the monitor");
        Assert.True(result.Report.Exceptions > 0, "no fault reached the monitor");
    }

    [Theory]
    [MemberData(nameof(BlockingEnds))]
    public async Task RunAsync_FuzzedGuestBlockingForEver_EndedByItsTimeout(string platform, string end)
    {
        var (result, stdout, _) = await Fuzz(platform, 7, 500, end, TimeSpan.FromSeconds(1));

        Assert.Null(result.Failure);
        Assert.True(result.TimedOut);
        Assert.Equal(128 + Signal.SIGKILL, result.ExitCode);
        Assert.StartsWith("fuzz seed=7 calls=500 ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DyingEnds))]
    public async Task RunAsync_FuzzedGuestKillingItself_DiesOfItsSignal(string platform, string end, int signal)
    {
        var (result, stdout, _) = await Fuzz(platform, 11, 500, end, TimeSpan.FromSeconds(30));

        Assert.Null(result.Failure);
        Assert.False(result.TimedOut);
        Assert.Equal(signal, result.Signal);
        Assert.Equal(128 + signal, result.ExitCode);
        Assert.StartsWith("fuzz seed=11 calls=500 ", stdout, StringComparison.Ordinal);
    }

    private static Task<(VmRunResult Result, string Stdout, string Stderr)> Fuzz(string platform, int seed, int calls, string end, TimeSpan timeout)
        => GuestRun.RunAsync(platform, GuestPrograms.Build("fuzz"),
            [seed.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture), end], timeout);
}
