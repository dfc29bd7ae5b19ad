using System.Diagnostics;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;

namespace Flint.Vm.Monitor;

/// <summary>The vCPU loop: enter the guest, and for each exit one small switch that says what happens next.</summary>
internal sealed class VcpuLoop(IVcpu vcpu, TrapHandler traps, GuestProcess process)
{
    /// <summary>One turn, holding the execution lock: drop stale translations, run, handle the exit.</summary>
    public VcpuOutcome Step()
    {
        // A stop may have released a blocked syscall before its request reached the vCPU: the guest, back from
        // that syscall, must not run on (and, say, exit with a status of its own choosing) meanwhile.
        if (process.IsStopRequested)
        {
            return VcpuOutcome.Stopped;
        }

        process.ExecutionLock.Enter(vcpu);
        try
        {
            var thread = process.Thread;
            if (thread.FlushedGeneration != process.TranslationGeneration)
            {
                vcpu.FlushTranslations();
                thread.FlushedGeneration = process.TranslationGeneration;
            }

            var entered = Stopwatch.GetTimestamp();
            var exit = vcpu.Run();
            process.Report.GuestTime += Stopwatch.GetElapsedTime(entered);
            return Handle(in exit);
        }
        finally
        {
            process.ExecutionLock.Exit();
        }
    }

    /// <summary>
    /// A thread restored from a snapshot was blocked in a syscall: it issues it again, holding the execution lock,
    /// before it first runs guest code (its context is that syscall's trap context).
    /// </summary>
    public VcpuOutcome ResumeSyscall()
    {
        process.ExecutionLock.Enter(vcpu);
        try
        {
            vcpu.Registers = process.Thread.Context;
            return traps.OnSyscall();
        }
        finally
        {
            process.ExecutionLock.Exit();
        }
    }

    private VcpuOutcome Handle(in VcpuExit exit)
    {
        return exit.Kind switch
        {
            VcpuExitKind.Syscall => traps.OnSyscall(),
            VcpuExitKind.Exception => traps.OnException(in exit),
            VcpuExitKind.Preempted => traps.OnPreempted(),
            VcpuExitKind.Stopped => VcpuOutcome.Stopped,
            VcpuExitKind.UnbackedMemory => traps.Kill(Signal.SIGBUS),
            VcpuExitKind.Shutdown => traps.Kill(Signal.SIGSEGV),
            _ => Fail(exit),
        };
    }

    public VcpuOutcome RunToCompletion(bool resumeSyscall = false)
    {
        var outcome = resumeSyscall ? ResumeSyscall() : VcpuOutcome.Continue;
        while (outcome == VcpuOutcome.Continue && (outcome = Step()) == VcpuOutcome.Continue)
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
