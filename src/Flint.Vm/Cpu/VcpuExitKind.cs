namespace Flint.Vm.Cpu;

/// <summary>Why the guest stopped running, in the monitor's terms, the same on every platform.</summary>
internal enum VcpuExitKind
{
    /// <summary>The guest executed <c>syscall</c>: the context's RIP is the return address, RCX and R11 as the instruction left them.</summary>
    Syscall,

    /// <summary>A CPU exception in guest code: vector, error code and fault address in the exit, the context at the fault.</summary>
    Exception,

    /// <summary>The monitor asked the vCPU to stop (timeout or cancellation).</summary>
    Stopped,

    /// <summary>The time slice ended: the context is the live user context; the thread lets others run, then resumes.</summary>
    Preempted,

    /// <summary>The guest touched guest-physical memory with nothing behind it.</summary>
    UnbackedMemory,

    /// <summary>Triple fault.</summary>
    Shutdown,

    /// <summary>The platform cannot run the guest any further (internal error, failed entry).</summary>
    Failed,
}
