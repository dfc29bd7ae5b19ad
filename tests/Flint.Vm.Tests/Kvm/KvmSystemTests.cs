using System.Reflection;
using Flint.Interop.Kvm;
using Flint.Testing;
using Flint.Vm.Cpu;
using Flint.Vm.Kvm;
using Flint.Vm.Memory;
using K = Flint.Interop.Kvm.Kvm;

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
        using var memory = new GuestMemory(Layout.MinGuestMemory);
        vm.MapMemory(memory);
        using var vcpu = vm.CreateVcpu(0);
        var tables = new PageTables(memory);
        var wanted = InitialCpuState.SpecialRegisters(tables.Root);

        vcpu.Configure(wanted, InitialCpuState.ModelSpecificRegisters(), InitialCpuState.Registers(new GuestAddress(0x40_0000), new GuestAddress(0x80_0000)));

        // What KVM now holds, read with its own ioctls rather than through the vCPU's accessors.
        var sregs = ReadSpecialRegisters(vcpu);
        Assert.Equal(ControlRegisters.Cr0, sregs.cr0);
        Assert.Equal(tables.Root.Value, sregs.cr3);
        Assert.Equal(ControlRegisters.Cr4, sregs.cr4);
        Assert.Equal(ControlRegisters.Efer, sregs.efer);
        Assert.Equal((Layout.UserCodeSelector, 3, 1, 1), (sregs.cs.selector, sregs.cs.dpl, sregs.cs.l, sregs.cs.present));
        Assert.Equal((Layout.UserDataSelector, 3), (sregs.ss.selector, sregs.ss.dpl));
        Assert.Equal((Layout.UserDataSelector, 3), (sregs.ds.selector, sregs.ds.dpl));
        Assert.Equal((wanted.tr.selector, wanted.tr.@base, wanted.tr.limit), (sregs.tr.selector, sregs.tr.@base, sregs.tr.limit));
        Assert.Equal((wanted.gdt.@base, wanted.gdt.limit), (sregs.gdt.@base, sregs.gdt.limit));
        Assert.Equal((wanted.idt.@base, wanted.idt.limit), (sregs.idt.@base, sregs.idt.limit));
        Assert.Equal(InitialCpuState.ModelSpecificRegisters(), InitialCpuState.ModelSpecificRegisters().Select(m => (m.Index, ReadMsr(vcpu, m.Index))).ToArray());
        var regs = ReadRegisters(vcpu);
        Assert.Equal((0x40_0000UL, 0x80_0000UL, Layout.InitialRflags), (regs.rip, regs.rsp, regs.rflags));
        vcpu.FsBase = 0x1234_5000;
        Assert.Equal(0x1234_5000UL, ReadMsr(vcpu, Msr.FsBase));
    }

    /// <summary>The vCPU's descriptor, which it keeps to itself: the test asks KVM directly what was programmed.</summary>
    private static VcpuHandle HandleOf(KvmVcpu vcpu)
    {
        var field = typeof(KvmVcpu).GetField("_handle", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.True(field is not null, "KvmVcpu no longer keeps its descriptor in _handle: update this test's way to reach it");
        return Assert.IsType<VcpuHandle>(field.GetValue(vcpu));
    }

    private static unsafe kvm_sregs ReadSpecialRegisters(KvmVcpu vcpu)
    {
        kvm_sregs sregs;
        Assert.Equal(0, KvmIoctls.Invoke(HandleOf(vcpu), K.KVM_GET_SREGS, &sregs));
        return sregs;
    }

    private static unsafe kvm_regs ReadRegisters(KvmVcpu vcpu)
    {
        kvm_regs regs;
        Assert.Equal(0, KvmIoctls.Invoke(HandleOf(vcpu), K.KVM_GET_REGS, &regs));
        return regs;
    }

    private static unsafe ulong ReadMsr(KvmVcpu vcpu, uint index)
    {
        var buffer = stackalloc byte[sizeof(kvm_msrs) + sizeof(kvm_msr_entry)];
        ((kvm_msrs*)buffer)->nmsrs = 1;
        var entry = (kvm_msr_entry*)(buffer + sizeof(kvm_msrs));
        entry->index = index;
        Assert.Equal(1, KvmIoctls.Invoke(HandleOf(vcpu), K.KVM_GET_MSRS, buffer));
        return entry->data;
    }
}
