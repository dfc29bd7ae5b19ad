using Flint.Testing;
using Flint.Vm.Kvm;

namespace Flint.Vm.Tests.Kvm;

public sealed class KvmSystemTests
{
    [Fact]
    public void Open_NoDevKvm_ThrowsClearException()
    {
        if (File.Exists(KvmSystem.DevicePath))
        {
            Assert.Skip("this host has /dev/kvm; the missing-KVM path cannot be exercised");
        }

        var error = Assert.Throws<KvmUnavailableException>(KvmSystem.Open);
        Assert.Equal("/dev/kvm not found: this host has no KVM", error.Message);
    }

    [Fact]
    public void Open_WithKvm_ChecksApiAndCapabilities()
    {
        HostRequirements.RequireKvm();
        using var kvm = KvmSystem.Open();
        Assert.True(kvm.VcpuMmapSize >= 4096);
        Assert.NotEqual(0UL, kvm.SyncRegisters & 1);
        Assert.NotEmpty(kvm.SupportedCpuid());
    }

    [Fact]
    public void CreateVcpu_WithKvm_ConfiguresLongModeAtRing3()
    {
        HostRequirements.RequireKvm();
        using var kvm = KvmSystem.Open();
        using var vm = kvm.CreateVm();
        using var memory = new Flint.Vm.Memory.GuestMemory(Layout.MinGuestMemory);
        vm.MapMemory(memory);
        using var vcpu = vm.CreateVcpu(0);
        var tables = new Flint.Vm.Memory.PageTables(memory);
        vcpu.Configure(Flint.Vm.Cpu.InitialCpuState.SpecialRegisters(tables.Root), Flint.Vm.Cpu.InitialCpuState.ModelSpecificRegisters(),
            Flint.Vm.Cpu.InitialCpuState.Registers(new GuestAddress(0x40_0000), new GuestAddress(0x80_0000)));
        vcpu.FsBase = 0x1234_5000;
        Assert.Equal(0x1234_5000UL, vcpu.FsBase);
    }
}
