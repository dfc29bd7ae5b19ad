using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class SyscallTableTests
{
    [Fact]
    public void Register_SameNumberTwice_Throws()
    {
        var table = new SyscallTable();
        table.Register(39, "getpid", (GuestProcess _, in SyscallArgs _) => 1);
        var error = Assert.Throws<InvalidOperationException>(() => table.Register(39, "other", (GuestProcess _, in SyscallArgs _) => 2));
        Assert.Contains("getpid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SyscallTable.MaxNumber)]
    public void Register_NumberOutOfRange_Throws(int number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyscallTable().Register(number, "x", (GuestProcess _, in SyscallArgs _) => 0));
    }

    [Fact]
    public void CreateDefault_RegistersEveryArea()
    {
        var table = SyscallTable.CreateDefault();
        foreach (var name in new[] { "read", "write", "writev", "close", "fstat", "newfstatat", "ioctl", "readlink", "brk", "mmap",
            "munmap", "mprotect", "madvise", "uname", "getpid", "gettid", "prlimit64", "getuid", "geteuid", "getgid", "getegid",
            "clock_gettime", "getrandom", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "exit", "exit_group",
            "arch_prctl", "set_tid_address" })
        {
            Assert.Contains(Enumerable.Range(0, SyscallTable.MaxNumber), n => table.Find((ulong)n)?.Name == name);
        }

        Assert.Equal("write", table.NameOf(1));
        Assert.Equal("exit_group", table.NameOf(231));
    }

    [Theory]
    [InlineData(440UL)]
    [InlineData(SyscallTable.MaxNumber - 1UL)]
    public void Dispatch_UnknownNumberInsideTable_ReturnsEnosysAndCountsIt(ulong number)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOSYS, guest.Call(number));
        Assert.Equal(-Errno.ENOSYS, guest.Call(number));
        Assert.Equal(2, guest.Process.Report.Unknown[number]);
        Assert.Equal(2, guest.Process.Report.TotalCalls);
    }

    [Theory]
    [InlineData(SyscallTable.MaxNumber + 0UL)]
    [InlineData(999UL)]
    [InlineData(ulong.MaxValue)]
    public void Dispatch_UnknownNumberPastTable_ReturnsEnosysAndCountsItInOneBucket(ulong number)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOSYS, guest.Call(number));
        Assert.Equal(-Errno.ENOSYS, guest.Call(number));
        Assert.Equal(2, guest.Process.Report.UnknownBeyondTable);
        Assert.Empty(guest.Process.Report.Unknown);
        Assert.Equal(2, guest.Process.Report.ByName[SyscallReport.BeyondTableName].Errors);
        Assert.Equal(2, guest.Process.Report.TotalCalls);
    }

    [Fact]
    public void Dispatch_CountsCallsAndErrorsPerName()
    {
        using var guest = new TestGuest();
        guest.Call(39);
        guest.Call(39);
        guest.Call(1, 99, guest.Buffer.Value, 1);
        Assert.Equal(2, guest.Process.Report.ByName["getpid"].Calls);
        Assert.Equal(0, guest.Process.Report.ByName["getpid"].Errors);
        Assert.Equal(1, guest.Process.Report.ByName["write"].Errors);
    }

    [Fact]
    public void Dispatch_WithTracer_WritesStraceLikeLines()
    {
        using var trace = new StringWriter();
        using var guest = new TestGuest(trace: trace);
        guest.WriteString(guest.Buffer, "hi");
        guest.Call(1, 1, guest.Buffer.Value, 2);
        guest.Call(257, unchecked((ulong)-100), guest.Buffer.Value, 0);
        var lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("write(0x1, 0x400000, 0x2, 0x0, 0x0, 0x0) = 2", lines[0]);
        Assert.StartsWith("openat(0xffffffffffffff9c, 0x400000, 0x0", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("= -2 ENOENT", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSummary_ListsCountsAndUnknown()
    {
        using var guest = new TestGuest();
        guest.Call(39);
        guest.Call(440);
        guest.Call(777);
        using var writer = new StringWriter();
        guest.Process.Report.WriteSummary(writer);
        var text = writer.ToString();
        Assert.Contains("getpid", text, StringComparison.Ordinal);
        Assert.Contains("unknown syscall 440: 1 (ENOSYS)", text, StringComparison.Ordinal);
        Assert.Contains($"unknown syscalls {SyscallTable.MaxNumber} and above: 1 (ENOSYS)", text, StringComparison.Ordinal);
        Assert.Contains("3 total", text, StringComparison.Ordinal);
    }
}
