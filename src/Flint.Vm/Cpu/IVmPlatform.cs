using Flint.Interop.Kvm;
using Flint.Vm.Memory;

namespace Flint.Vm.Cpu;

/// <summary>
/// One VM on one platform: what holds guest memory and creates vCPUs over it. KVM and the emulated CPU differ only
/// here and in their <see cref="IVcpu"/>; memory, page tables, loader and syscall layer are shared.
/// </summary>
internal interface IVmPlatform : IDisposable
{
    string Name { get; }

    /// <summary>
    /// Whether the VM runs the trap stubs, IDT, GDT and TSS that the monitor installs in guest memory. Only where
    /// the CPU enforces the page tables' user/supervisor bit may the monitor's own pages be mapped.
    /// </summary>
    bool UsesTrapPages { get; }

    /// <summary>Whether the CPU honours the page tables' NX bit (EFER.NXE); without it, data pages are executable.</summary>
    bool HasNoExecute { get; }

    void MapMemory(GuestMemory memory);

    /// <summary>A vCPU in 64-bit user mode over <paramref name="pageTableRoot"/>, about to run <paramref name="registers"/>.</summary>
    IVcpu CreateVcpu(GuestAddress pageTableRoot, kvm_regs registers);
}
