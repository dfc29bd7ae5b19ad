using System.Diagnostics;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;

namespace Flint.Vm.Monitor;

/// <summary>The vCPU loop: enter the guest, and for each exit one small switch that says what happens next.</summary>
internal sealed class VcpuLoop(IVcpu vcpu, TrapHandler traps, GuestProcess process)
{
    public VcpuOutcome Step()
    {
        var entered = Stopwatch.GetTimestamp();
        var exit = vcpu.Run();
        process.Report.GuestTime += Stopwatch.GetElapsedTime(entered);
        return exit.Kind switch
        {
            VcpuExitKind.Doorbell => traps.OnDoorbell(exit.Address),
            VcpuExitKind.Interrupted => VcpuOutcome.Stopped,
            VcpuExitKind.UnbackedMemory => traps.Kill(Signal.SIGBUS),
            VcpuExitKind.Shutdown => traps.Kill(Signal.SIGSEGV),
            _ => VcpuOutcome.Failed,
        };
    }

    public VcpuOutcome RunToCompletion()
    {
        VcpuOutcome outcome;
        while ((outcome = Step()) == VcpuOutcome.Continue)
        {
        }

        return outcome;
    }
}
