using Flint.Interop.Libc;
using Flint.Vm.Kvm;

namespace Flint.Vm.Tests.Kvm;

/// <summary>The vCPU kick works without KVM: a blocked, thread-directed signal stays pending until drained.</summary>
public sealed class KickSignalTests
{
    [Fact]
    public void Send_ToBlockedThread_StaysPendingUntilDrained()
    {
        int drained = -1, drainedAgain = -1;
        bool sent = false;
        ulong insideRun = 0;
        var thread = new Thread(() =>
        {
            insideRun = KickSignal.BlockOnCurrentThread();
            try
            {
                sent = KickSignal.Send(Unistd.gettid());
                drained = KickSignal.Drain();
                drainedAgain = KickSignal.Drain();
            }
            finally
            {
                KickSignal.Unblock();
            }
        });
        thread.Start();
        thread.Join();

        Assert.True(sent);
        Assert.Equal(1, drained);
        Assert.Equal(0, drainedAgain);
        Assert.Equal(0UL, insideRun & (1UL << (KickSignal.Number - 1)));  // deliverable inside KVM_RUN
    }
}
