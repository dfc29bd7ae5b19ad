namespace Flint.Vm.Cpu;

/// <summary>Why KVM_RUN returned, as far as the monitor cares.</summary>
internal enum VcpuExitKind
{
    /// <summary>A store to the doorbell page: a syscall or exception stub rang.</summary>
    Doorbell,

    /// <summary>KVM_RUN returned EINTR: a host signal kicked the vCPU (stop request).</summary>
    Interrupted,

    /// <summary>An MMIO access outside the doorbell page: the guest touched memory with no slot behind it.</summary>
    UnbackedMemory,

    /// <summary>Triple fault.</summary>
    Shutdown,

    /// <summary>Anything else (internal error, failed entry): the VM cannot continue.</summary>
    Failed,
}
