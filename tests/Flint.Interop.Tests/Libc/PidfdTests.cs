using System.Diagnostics;
using Flint.Interop.Libc;

namespace Flint.Interop.Tests.Libc;

public sealed class PidfdTests
{
    [Fact]
    public void SendSignal_ThroughAnOpenPidfd_ReachesThatProcessOnly()
    {
        using var child = Process.Start(new ProcessStartInfo("/bin/sleep", "30") { UseShellExecute = false })!;
        var pidfd = Pidfd.pidfd_open(child.Id, 0);
        Assert.True(pidfd >= 0, $"pidfd_open failed: {Errno.Name(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        try
        {
            Assert.Equal(0, Send(pidfd, 9));
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(10)), "the signal did not reach the child");

            // Once the process is gone, its pidfd reaches nothing, whatever now has its pid.
            Assert.Equal(-1, Send(pidfd, 0));
            Assert.Equal("ESRCH", Errno.Name(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
        }
        finally
        {
            Unistd.close(pidfd);
        }
    }

    private static unsafe int Send(int pidfd, int signal) => Pidfd.pidfd_send_signal(pidfd, signal, null, 0);
}
