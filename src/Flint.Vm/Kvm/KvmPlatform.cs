using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Memory;

namespace Flint.Vm.Kvm;

/// <summary>A VM on /dev/kvm: the KVM system and VM objects; one memory slot; vCPUs that trap through doorbells.</summary>
internal sealed class KvmPlatform : IVmPlatform
{
    private readonly KvmSystem _kvm;
    private readonly KvmVm _vm;
    private int _nextVcpuId;

    private KvmPlatform(KvmSystem kvm, KvmVm vm)
    {
        _kvm = kvm;
        _vm = vm;
    }

    public string Name => VmPlatform.KvmName;

    public bool UsesTrapPages => true;

    public bool HasNoExecute => true;

    /// <exception cref="KvmUnavailableException">The host has no usable /dev/kvm.</exception>
    public static KvmPlatform Create()
    {
        var kvm = KvmSystem.Open();
        try
        {
            return new KvmPlatform(kvm, kvm.CreateVm());
        }
        catch
        {
            kvm.Dispose();
            throw;
        }
    }

    public void MapMemory(GuestMemory memory) => _vm.MapMemory(memory);

    public IVcpu CreateVcpu(GuestAddress pageTableRoot, kvm_regs registers)
    {
        var vcpu = _vm.CreateVcpu(Interlocked.Increment(ref _nextVcpuId) - 1);
        try
        {
            vcpu.Configure(InitialCpuState.SpecialRegisters(pageTableRoot), InitialCpuState.ModelSpecificRegisters(), registers);
            return vcpu;
        }
        catch
        {
            vcpu.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _vm.Dispose();
        _kvm.Dispose();
    }
}
