using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class SyscallReportTests
{
    [Fact]
    public void Dispatch_FloodOfDistinctUnknownNumbers_ReportStaysBounded()
    {
        using var guest = new TestGuest();
        const int Flood = 200_000;
        for (var i = 0; i < Flood; i++)
        {
            Assert.Equal(-Errno.ENOSYS, guest.Call(SyscallTable.MaxNumber + (ulong)i * 7919));
        }

        for (ulong number = 0; number < SyscallTable.MaxNumber; number++)
        {
            if (guest.Table.Find(number) is null)
            {
                guest.Call(number);
            }
        }

        var report = guest.Process.Report;
        Assert.Equal(Flood, report.UnknownBeyondTable);
        Assert.Equal(Flood, report.ByName[SyscallReport.BeyondTableName].Calls);
        Assert.True(report.ByName.Count <= SyscallTable.MaxNumber + 1, $"{report.ByName.Count} names");
        Assert.True(report.Unknown.Count < SyscallTable.MaxNumber, $"{report.Unknown.Count} unknown numbers");
        using var summary = new StringWriter();
        report.WriteSummary(summary);
        Assert.True(summary.ToString().Split('\n').Length < 2 * (SyscallTable.MaxNumber + 4));
    }

    [Fact]
    public void Record_KnownAndUnknownNumbers_KeepNamesAndCountsApart()
    {
        using var guest = new TestGuest();
        guest.Call(39);
        guest.Call(440);
        guest.Call(440);
        var report = guest.Process.Report;
        Assert.Equal(1, report.ByName["getpid"].Calls);
        Assert.Equal(2, report.ByName["syscall_440"].Calls);
        Assert.Equal(2, report.ByName["syscall_440"].Errors);
        Assert.Equal(2, report.Unknown[440]);
        Assert.False(report.Unknown.ContainsKey(39));
        Assert.Equal(0, report.UnknownBeyondTable);
    }
}
