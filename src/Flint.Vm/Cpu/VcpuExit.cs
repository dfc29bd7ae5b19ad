namespace Flint.Vm.Cpu;

/// <summary>One return from KVM_RUN: the kind, the MMIO address for doorbells and unbacked accesses, the raw KVM reason.</summary>
internal readonly record struct VcpuExit(VcpuExitKind Kind, GuestAddress Address = default, uint Reason = 0);
