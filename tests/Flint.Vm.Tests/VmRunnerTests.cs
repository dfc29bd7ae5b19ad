using System.Text;
using Flint.Testing;
using Flint.Vm.Kvm;
using Flint.Vm.Linux;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests;

/// <summary>
/// End to end: real static executables in a real Flint VM, compared with the same executables run natively, on
/// every platform this host has (<see cref="VmPlatforms"/>): the emulated CPU everywhere, KVM where it boots.
/// </summary>
public sealed class VmRunnerTests
{
    [Fact]
    public async Task RunAsync_KvmAskedWithoutKvm_ThrowsKvmUnavailable()
    {
        if (File.Exists(KvmSystem.DevicePath))
        {
            Assert.Skip("this host has /dev/kvm; the missing-KVM path cannot be exercised");
        }

        var elf = GuestPrograms.Build("hello");
        var error = await Assert.ThrowsAsync<KvmUnavailableException>(() => VmRunner.RunAsync(new VmRunOptions { ElfPath = elf, Platform = VmPlatformChoice.Kvm }, TestContext.Current.CancellationToken));
        Assert.Contains("/dev/kvm not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFile_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => VmRunner.RunAsync(new VmRunOptions { ElfPath = Path.Combine(Path.GetTempPath(), "no-such-guest-" + Guid.NewGuid()) }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL << 20)]
    [InlineData((64UL << 20) + 1)]
    [InlineData(4UL << 30)]
    public void RunAsync_BadMemoryLimit_ThrowsBeforeStarting(ulong limit)
    {
        // Thrown synchronously, before a vCPU thread exists.
        Assert.Throws<ArgumentOutOfRangeException>(Start(new VmRunOptions { ElfPath = "x", MemoryLimitBytes = limit }));
    }

    [Fact]
    public void RunAsync_NonPositiveTimeout_ThrowsBeforeStarting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(Start(new VmRunOptions { ElfPath = "x", Timeout = TimeSpan.Zero }));
    }

    public static TheoryData<string, GuestLinkage> AllLinkages => VmPlatforms.With(GuestLinkage.StaticGlibc, GuestLinkage.StaticPieGlibc, GuestLinkage.StaticMusl);

    public static TheoryData<string, GuestLinkage> EchoLinkages => VmPlatforms.With(GuestLinkage.StaticGlibc, GuestLinkage.StaticMusl);

    public static TheoryData<string, string, string> HandledFaults => VmPlatforms.With(("segv", "caught signal 11 addr=(nil)"), ("fpe", "caught signal 8"));

    public static TheoryData<string, string, int> UnhandledFaults => VmPlatforms.With(("segv-nohandler", Signal.SIGSEGV), ("fpe-nohandler", Signal.SIGFPE));

    public static TheoryData<string, int> ExitCodes => VmPlatforms.With(0, 3, 255);

    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(AllLinkages))]
    public async Task RunAsync_Hello_OutputMatchesNative(string platform, GuestLinkage linkage)
    {
        var elf = GuestPrograms.Build("hello", linkage);
        var (result, stdout, _) = await Run(platform, elf);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NativeProgram.Run(elf, []).Stdout, stdout);
        Assert.DoesNotContain(result.Report.Unknown, u => u.Key is not 334);  // rseq is allowed to be ENOSYS
    }

    [Theory]
    [MemberData(nameof(EchoLinkages))]
    public async Task RunAsync_ArgvEnvAuxv_MatchNative(string platform, GuestLinkage linkage)
    {
        var elf = GuestPrograms.Build("echo", linkage);
        string[] args = ["one", "two words", "ünïcode"];
        var (result, stdout, _) = await Run(platform, elf, args, ["FLINT_A=1", "FLINT_B=x y"]);
        Assert.Equal(0, result.ExitCode);
        var native = NativeProgram.Run(elf, args, new Dictionary<string, string> { ["FLINT_A"] = "1", ["FLINT_B"] = "x y" });
        Assert.Equal(native.Stdout, stdout);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_MallocHeavy_MatchesNative(string platform)
    {
        var elf = GuestPrograms.Build("malloc");
        var (result, stdout, _) = await Run(platform, elf);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NativeProgram.Run(elf, []).Stdout, stdout);
    }

    [Theory]
    [MemberData(nameof(HandledFaults))]
    public async Task RunAsync_FaultWithHandler_Recovers(string platform, string mode, string expected)
    {
        var elf = GuestPrograms.Build("signals");
        var (result, stdout, _) = await Run(platform, elf, [mode]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        Assert.Contains("recovered, handled=1", stdout, StringComparison.Ordinal);
        Assert.Equal(1, result.Report.Exceptions);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_EachFaultWithHandler_ReportsWhatLinuxReports(string platform)
    {
        // Unmapped read and write (SEGV_MAPERR), read-only write and PROT_NONE read (SEGV_ACCERR), ud2, divide
        // error and int3, one after another: the platform must also let a guest survive many handled faults.
        var elf = GuestPrograms.Build("faults");
        var (result, stdout, _) = await Run(platform, elf);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NativeProgram.Run(elf, []).Stdout, stdout);
        Assert.Equal(7, result.Report.Exceptions);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_Threads_MutexCondvarJoinSlicesAndSignalsMatchNative(string platform)
    {
        // 8 pthreads under a mutex and condition variables, then two threads spinning on each other's flag (only
        // time slices let both progress), a signal to the spinning thread, and joins.
        var elf = GuestPrograms.Build("threads");
        var (result, stdout, _) = await Run(platform, elf);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(NativeProgram.Run(elf, []).Stdout, stdout);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_SpinningThreads_StoppedByTimeout(string platform)
    {
        var (result, _, _) = await Run(platform, GuestPrograms.Build("spinthreads"), timeout: TimeSpan.FromMilliseconds(500));
        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(UnhandledFaults))]
    public async Task RunAsync_FaultWithoutHandler_ExitsWith128PlusSignal(string platform, string mode, int signal)
    {
        var elf = GuestPrograms.Build("signals");
        var (result, _, _) = await Run(platform, elf, [mode]);
        Assert.Equal(128 + signal, result.ExitCode);
        Assert.Equal(signal, result.Signal);
    }

    [Theory]
    [MemberData(nameof(ExitCodes))]
    public async Task RunAsync_ExitCode_Propagates(string platform, int code)
    {
        var (result, _, _) = await Run(platform, GuestPrograms.Build("exitcode"), [code.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(code, result.ExitCode);
        Assert.Null(result.Signal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_Registers_PreservedAcrossSyscalls(string platform)
    {
        var (result, stdout, _) = await Run(platform, GuestPrograms.Build("regs"));
        Assert.Equal("registers preserved\n", stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_HostileGuest_KillsOnlyItsOwnVm(string platform)
    {
        var (result, stdout, _) = await Run(platform, GuestPrograms.Build("hostile"));
        Assert.Equal("results -1 -1 -1 -1 -1 -1\n", stdout);
        Assert.Equal(128 + Signal.SIGSEGV, result.ExitCode);
        Assert.Equal(1, result.Report.UnknownBeyondTable);

        var (next, hello, _) = await Run(platform, GuestPrograms.Build("hello"));
        Assert.Equal(0, next.ExitCode);
        Assert.Equal("hello from a static binary\n", hello);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_HostileThreadsFutexEpollSocketsInotify_RefusedAsLinuxAndTheVmSurvives(string platform)
    {
        var (result, stdout, _) = await Run(platform, GuestPrograms.Build("hostile_threads"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "futex -14 -14 -22 -38 -14\n" +
            "epoll -14 -14 -22 -22\n" +
            "socket -13 -14 -9 -14\n" +
            "inotify -14 -22\n" +
            $"threads {ThreadGroup.MaxThreads - 1} EAGAIN\n",
            stdout);
    }

    public static TheoryData<string, int> DoorbellStores() => VmPlatforms.With(0, 1, 2, 3, 4);

    [Theory]
    [MemberData(nameof(DoorbellStores))]
    public async Task RunAsync_OddStoreToTheDoorbellPage_KillsTheGuestWithASignalNotTheVm(string platform, int mode)
    {
        var (result, stdout, _) = await Run(platform, GuestPrograms.Build("doorbell_stores"), [mode.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Null(result.Failure);
        Assert.Contains(result.Signal, new int?[] { Signal.SIGSEGV, Signal.SIGILL });
        Assert.Equal(128 + result.Signal, result.ExitCode);
        Assert.Equal($"mode {mode}\n", stdout);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_FloodOfDistinctUnknownSyscalls_ReportStaysBounded(string platform)
    {
        const int Flood = 5000;
        var (result, _, _) = await Run(platform, GuestPrograms.Build("unknown_flood"), [Flood.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Flood, result.Report.UnknownBeyondTable);
        Assert.True(result.Report.ByName.Count <= SyscallTable.MaxNumber + 1, $"{result.Report.ByName.Count} names");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_NeverExitingGuest_StoppedByTimeout(string platform)
    {
        var elf = GuestPrograms.Build("spin");
        var started = DateTime.UtcNow;
        var (result, _, _) = await Run(platform, elf, timeout: TimeSpan.FromMilliseconds(300));
        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_StdoutReaderStalled_StoppedByTimeout(string platform)
    {
        using var stalled = new StalledStream();
        var options = new VmRunOptions { ElfPath = GuestPrograms.Build("bigwrite"), Stdout = stalled, Timeout = TimeSpan.FromSeconds(5), Platform = VmPlatforms.Choice(platform) };

        // Without a bound on the wait a regression would hang the suite; a minute only turns that into a failure.
        var result = await VmRunner.RunAsync(options, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal(1, stalled.BlockedWriters);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_StdoutReaderStalled_CancellationEndsTheRun(string platform)
    {
        using var stalled = new StalledStream();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = VmRunner.RunAsync(new VmRunOptions { ElfPath = GuestPrograms.Build("bigwrite"), Stdout = stalled, Platform = VmPlatforms.Choice(platform) }, cancel.Token);
        SpinWait.SpinUntil(() => stalled.BlockedWriters == 1 || run.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_TimeoutShorterThanBoot_EndsTimedOut(string platform)
    {
        var (result, _, _) = await Run(platform, GuestPrograms.Build("spin"), timeout: TimeSpan.FromTicks(1));
        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_GuestSeesOnlyItsPathAndGivenEnvironment(string platform)
    {
        var elf = GuestPrograms.Build("hostinfo");
        var (result, stdout, _) = await Run(platform, elf, env: ["FLINT_ONLY=1"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"exe=/{Path.GetFileName(elf)}\nargv0=/{Path.GetFileName(elf)}\nenv=FLINT_ONLY=1\n", stdout);
        Assert.DoesNotContain(Path.GetDirectoryName(elf)!, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_GuestPathGiven_IsWhatTheGuestSees(string platform)
    {
        using var stdout = new MemoryStream();
        var options = new VmRunOptions { ElfPath = GuestPrograms.Build("hostinfo"), GuestPath = "/function", Stdout = stdout, Platform = VmPlatforms.Choice(platform) };
        var result = await VmRunner.RunAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("exe=/function\nargv0=/function\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Theory]
    [InlineData("function")]
    [InlineData("")]
    public void RunAsync_RelativeGuestPath_ThrowsBeforeStarting(string path)
    {
        Assert.Throws<ArgumentException>(Start(new VmRunOptions { ElfPath = "x", GuestPath = path }));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled(string platform)
    {
        // Cancelled once the guest runs (its first system call is traced), not on a timer that could
        // fire while the guest is still being compiled or loaded.
        var elf = GuestPrograms.Build("spin");
        using var running = new FirstWriteSignal();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = VmRunner.RunAsync(new VmRunOptions { ElfPath = elf, TraceWriter = running, Platform = VmPlatforms.Choice(platform) }, cancel.Token);
        await running.Written.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_WithTrace_WritesEachSyscallAndASummary(string platform)
    {
        using var trace = new StringWriter();
        var options = new VmRunOptions { ElfPath = GuestPrograms.Build("hello"), TraceWriter = trace, Stdout = new MemoryStream(), Platform = VmPlatforms.Choice(platform) };
        var result = await VmRunner.RunAsync(options, TestContext.Current.CancellationToken);
        var text = trace.ToString();
        Assert.Contains("write(0x1,", text, StringComparison.Ordinal);
        Assert.Contains("exit_group(0x0,", text, StringComparison.Ordinal);
        Assert.Contains(" total; ", text, StringComparison.Ordinal);
        Assert.True(result.Report.TotalCalls > 2);
    }

    private static Action Start(VmRunOptions options) => () => VmRunner.RunAsync(options, TestContext.Current.CancellationToken).Dispose();

    private static async Task<(VmRunResult Result, string Stdout, string Stderr)> Run(
        string platform, string elf, string[]? args = null, string[]? env = null, TimeSpan? timeout = null)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var options = new VmRunOptions
        {
            ElfPath = elf,
            Args = args ?? [],
            Env = env ?? [],
            Stdout = stdout,
            Stderr = stderr,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            Platform = VmPlatforms.Choice(platform),
        };
        var result = await VmRunner.RunAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(platform, result.Platform);
        return (result, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
