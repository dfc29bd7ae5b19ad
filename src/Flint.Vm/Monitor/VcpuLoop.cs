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
            VcpuExitKind.Syscall => traps.OnSyscall(),
            VcpuExitKind.Exception => traps.OnException(in exit),
            VcpuExitKind.Stopped => VcpuOutcome.Stopped,
            VcpuExitKind.UnbackedMemory => traps.Kill(Signal.SIGBUS),
            VcpuExitKind.Shutdown => traps.Kill(Signal.SIGSEGV),
            _ => Fail(exit),
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

    private VcpuOutcome Fail(in VcpuExit exit)
    {
        process.FailureDetail = exit.Detail;
        return VcpuOutcome.Failed;
    }
}
