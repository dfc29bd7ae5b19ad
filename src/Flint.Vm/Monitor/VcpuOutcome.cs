namespace Flint.Vm.Monitor;

/// <summary>What one turn of the vCPU loop decided.</summary>
internal enum VcpuOutcome
{
    /// <summary>The trap was handled; enter the guest again.</summary>
    Continue,

    /// <summary>The process ended: exit_group, or the last thread's exit.</summary>
    Exited,

    /// <summary>This thread called exit; the process goes on.</summary>
    ThreadExited,

    /// <summary>The guest died of a signal (a fault without handler, a bad trap, a triple fault).</summary>
    Killed,

    /// <summary>The monitor stopped the guest (timeout or cancellation).</summary>
    Stopped,

    /// <summary>KVM could not run the guest any further (internal error, failed entry).</summary>
    Failed,
}
