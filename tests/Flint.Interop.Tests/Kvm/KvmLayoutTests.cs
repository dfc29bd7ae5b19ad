using System.Runtime.CompilerServices;
using Flint.Interop.Kvm;
using Flint.Interop.Libc;
using Flint.Testing;
using KvmConst = Flint.Interop.Kvm.Kvm;

namespace Flint.Interop.Tests.Kvm;

/// <summary>Every KVM struct, ioctl number and constant declared in C# matches &lt;linux/kvm.h&gt; as gcc sees it.</summary>
public sealed class KvmLayoutTests
{
    private const string Probe = """
        #include <linux/kvm.h>
        #include <signal.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <time.h>
        #define S(t) printf("sizeof(" #t ") %zu\n", sizeof(struct t));
        #define O(t, f) printf("offsetof(" #t "," #f ") %zu\n", offsetof(struct t, f));
        #define C(n) printf(#n " %llu\n", (unsigned long long)(n));
        int main(void) {
            S(kvm_regs) O(kvm_regs, rax) O(kvm_regs, rsp) O(kvm_regs, r8) O(kvm_regs, r15) O(kvm_regs, rip) O(kvm_regs, rflags)
            S(kvm_segment) O(kvm_segment, limit) O(kvm_segment, selector) O(kvm_segment, type) O(kvm_segment, dpl)
            O(kvm_segment, l) O(kvm_segment, g) O(kvm_segment, unusable)
            S(kvm_dtable) O(kvm_dtable, limit)
            S(kvm_sregs) O(kvm_sregs, ds) O(kvm_sregs, ss) O(kvm_sregs, tr) O(kvm_sregs, ldt) O(kvm_sregs, gdt) O(kvm_sregs, idt)
            O(kvm_sregs, cr0) O(kvm_sregs, cr2) O(kvm_sregs, cr3) O(kvm_sregs, cr4) O(kvm_sregs, efer) O(kvm_sregs, apic_base)
            O(kvm_sregs, interrupt_bitmap)
            S(kvm_msrs) S(kvm_msr_entry) O(kvm_msr_entry, data)
            S(kvm_cpuid2) S(kvm_cpuid_entry2) O(kvm_cpuid_entry2, eax) O(kvm_cpuid_entry2, edx)
            S(kvm_xcr) O(kvm_xcr, value) S(kvm_xcrs) O(kvm_xcrs, xcrs) O(kvm_xcrs, padding)
            S(kvm_userspace_memory_region) O(kvm_userspace_memory_region, guest_phys_addr)
            O(kvm_userspace_memory_region, memory_size) O(kvm_userspace_memory_region, userspace_addr)
            S(kvm_signal_mask)
            S(kvm_run) O(kvm_run, immediate_exit) O(kvm_run, exit_reason) O(kvm_run, if_flag) O(kvm_run, flags) O(kvm_run, cr8)
            O(kvm_run, apic_base) O(kvm_run, mmio.phys_addr) O(kvm_run, mmio.data) O(kvm_run, mmio.len) O(kvm_run, mmio.is_write)
            O(kvm_run, internal.suberror) O(kvm_run, internal.ndata) O(kvm_run, internal.data)
            O(kvm_run, fail_entry.hardware_entry_failure_reason)
            O(kvm_run, kvm_valid_regs) O(kvm_run, kvm_dirty_regs) O(kvm_run, s.regs.regs) O(kvm_run, s.regs.sregs)
            C(KVM_API_VERSION) C(KVM_GET_API_VERSION) C(KVM_CREATE_VM) C(KVM_CHECK_EXTENSION) C(KVM_GET_VCPU_MMAP_SIZE)
            C(KVM_GET_SUPPORTED_CPUID) C(KVM_CREATE_VCPU) C(KVM_SET_USER_MEMORY_REGION) C(KVM_RUN) C(KVM_GET_REGS)
            C(KVM_SET_REGS) C(KVM_GET_SREGS) C(KVM_SET_SREGS) C(KVM_GET_MSRS) C(KVM_SET_MSRS) C(KVM_SET_SIGNAL_MASK)
            C(KVM_SET_CPUID2) C(KVM_SET_XCRS)
            C(KVM_CAP_USER_MEMORY) C(KVM_CAP_EXT_CPUID) C(KVM_CAP_XCRS) C(KVM_CAP_SYNC_REGS) C(KVM_CAP_IMMEDIATE_EXIT)
            C(KVM_EXIT_UNKNOWN) C(KVM_EXIT_EXCEPTION) C(KVM_EXIT_IO) C(KVM_EXIT_DEBUG) C(KVM_EXIT_HLT) C(KVM_EXIT_MMIO)
            C(KVM_EXIT_SHUTDOWN) C(KVM_EXIT_FAIL_ENTRY) C(KVM_EXIT_INTR) C(KVM_EXIT_INTERNAL_ERROR)
            C(KVM_SYNC_X86_REGS) C(KVM_SYNC_X86_SREGS) C(KVM_SYNC_X86_EVENTS)
            printf("sizeof(sigset_t) %zu\n", sizeof(sigset_t)); S(timespec) O(timespec, tv_nsec)
            C(SIGUSR2) C(SIG_BLOCK) C(SIG_UNBLOCK) C(SIG_SETMASK)
            return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, ulong>> Native = new(() => NativeProgram.RunKeyValues(Probe));

    public static TheoryData<string> Keys() => [.. Expected().Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Layout_MatchesLinuxHeader(string key)
    {
        var native = Native.Value;
        Assert.True(native.ContainsKey(key), $"probe did not print {key}");
        Assert.Equal(native[key], Expected()[key]);
    }

    [Fact]
    public void Probe_CoversEveryDeclaredValue()
    {
        var native = Native.Value;
        Assert.Equal(native.Keys.Order(), Expected().Keys.Order());
    }

    private static Dictionary<string, ulong> Expected()
    {
        var r = default(kvm_regs);
        var seg = default(kvm_segment);
        var dt = default(kvm_dtable);
        var s = default(kvm_sregs);
        var me = default(kvm_msr_entry);
        var ce = default(kvm_cpuid_entry2);
        var xcr = default(kvm_xcr);
        var xcrs = default(kvm_xcrs);
        var mr = default(kvm_userspace_memory_region);
        var run = default(kvm_run);
        var ts = default(timespec);
        return new(StringComparer.Ordinal)
        {
            ["sizeof(kvm_regs)"] = Size<kvm_regs>(),
            ["offsetof(kvm_regs,rax)"] = Off(ref r, ref r.rax),
            ["offsetof(kvm_regs,rsp)"] = Off(ref r, ref r.rsp),
            ["offsetof(kvm_regs,r8)"] = Off(ref r, ref r.r8),
            ["offsetof(kvm_regs,r15)"] = Off(ref r, ref r.r15),
            ["offsetof(kvm_regs,rip)"] = Off(ref r, ref r.rip),
            ["offsetof(kvm_regs,rflags)"] = Off(ref r, ref r.rflags),
            ["sizeof(kvm_segment)"] = Size<kvm_segment>(),
            ["offsetof(kvm_segment,limit)"] = Off(ref seg, ref seg.limit),
            ["offsetof(kvm_segment,selector)"] = Off(ref seg, ref seg.selector),
            ["offsetof(kvm_segment,type)"] = Off(ref seg, ref seg.type),
            ["offsetof(kvm_segment,dpl)"] = Off(ref seg, ref seg.dpl),
            ["offsetof(kvm_segment,l)"] = Off(ref seg, ref seg.l),
            ["offsetof(kvm_segment,g)"] = Off(ref seg, ref seg.g),
            ["offsetof(kvm_segment,unusable)"] = Off(ref seg, ref seg.unusable),
            ["sizeof(kvm_dtable)"] = Size<kvm_dtable>(),
            ["offsetof(kvm_dtable,limit)"] = Off(ref dt, ref dt.limit),
            ["sizeof(kvm_sregs)"] = Size<kvm_sregs>(),
            ["offsetof(kvm_sregs,ds)"] = Off(ref s, ref s.ds),
            ["offsetof(kvm_sregs,ss)"] = Off(ref s, ref s.ss),
            ["offsetof(kvm_sregs,tr)"] = Off(ref s, ref s.tr),
            ["offsetof(kvm_sregs,ldt)"] = Off(ref s, ref s.ldt),
            ["offsetof(kvm_sregs,gdt)"] = Off(ref s, ref s.gdt),
            ["offsetof(kvm_sregs,idt)"] = Off(ref s, ref s.idt),
            ["offsetof(kvm_sregs,cr0)"] = Off(ref s, ref s.cr0),
            ["offsetof(kvm_sregs,cr2)"] = Off(ref s, ref s.cr2),
            ["offsetof(kvm_sregs,cr3)"] = Off(ref s, ref s.cr3),
            ["offsetof(kvm_sregs,cr4)"] = Off(ref s, ref s.cr4),
            ["offsetof(kvm_sregs,efer)"] = Off(ref s, ref s.efer),
            ["offsetof(kvm_sregs,apic_base)"] = Off(ref s, ref s.apic_base),
            ["offsetof(kvm_sregs,interrupt_bitmap)"] = Off(ref s, ref s.interrupt_bitmap),
            ["sizeof(kvm_msrs)"] = Size<kvm_msrs>(),
            ["sizeof(kvm_msr_entry)"] = Size<kvm_msr_entry>(),
            ["offsetof(kvm_msr_entry,data)"] = Off(ref me, ref me.data),
            ["sizeof(kvm_cpuid2)"] = Size<kvm_cpuid2>(),
            ["sizeof(kvm_cpuid_entry2)"] = Size<kvm_cpuid_entry2>(),
            ["offsetof(kvm_cpuid_entry2,eax)"] = Off(ref ce, ref ce.eax),
            ["offsetof(kvm_cpuid_entry2,edx)"] = Off(ref ce, ref ce.edx),
            ["sizeof(kvm_xcr)"] = Size<kvm_xcr>(),
            ["offsetof(kvm_xcr,value)"] = Off(ref xcr, ref xcr.value),
            ["sizeof(kvm_xcrs)"] = Size<kvm_xcrs>(),
            ["offsetof(kvm_xcrs,xcrs)"] = Off(ref xcrs, ref xcrs.xcrs),
            ["offsetof(kvm_xcrs,padding)"] = Off(ref xcrs, ref xcrs.padding),
            ["sizeof(kvm_userspace_memory_region)"] = Size<kvm_userspace_memory_region>(),
            ["offsetof(kvm_userspace_memory_region,guest_phys_addr)"] = Off(ref mr, ref mr.guest_phys_addr),
            ["offsetof(kvm_userspace_memory_region,memory_size)"] = Off(ref mr, ref mr.memory_size),
            ["offsetof(kvm_userspace_memory_region,userspace_addr)"] = Off(ref mr, ref mr.userspace_addr),
            ["sizeof(kvm_signal_mask)"] = Size<kvm_signal_mask>(),
            ["sizeof(kvm_run)"] = Size<kvm_run>(),
            ["offsetof(kvm_run,immediate_exit)"] = Off(ref run, ref run.immediate_exit),
            ["offsetof(kvm_run,exit_reason)"] = Off(ref run, ref run.exit_reason),
            ["offsetof(kvm_run,if_flag)"] = Off(ref run, ref run.if_flag),
            ["offsetof(kvm_run,flags)"] = Off(ref run, ref run.flags),
            ["offsetof(kvm_run,cr8)"] = Off(ref run, ref run.cr8),
            ["offsetof(kvm_run,apic_base)"] = Off(ref run, ref run.apic_base),
            ["offsetof(kvm_run,mmio.phys_addr)"] = Off(ref run, ref run.mmio.phys_addr),
            ["offsetof(kvm_run,mmio.data)"] = Off(ref run, ref run.mmio.data),
            ["offsetof(kvm_run,mmio.len)"] = Off(ref run, ref run.mmio.len),
            ["offsetof(kvm_run,mmio.is_write)"] = Off(ref run, ref run.mmio.is_write),
            ["offsetof(kvm_run,internal.suberror)"] = Off(ref run, ref run.@internal.suberror),
            ["offsetof(kvm_run,internal.ndata)"] = Off(ref run, ref run.@internal.ndata),
            ["offsetof(kvm_run,internal.data)"] = Off(ref run, ref run.@internal.data0),
            ["offsetof(kvm_run,fail_entry.hardware_entry_failure_reason)"] =
                Off(ref run, ref run.fail_entry_hardware_entry_failure_reason),
            ["offsetof(kvm_run,kvm_valid_regs)"] = Off(ref run, ref run.kvm_valid_regs),
            ["offsetof(kvm_run,kvm_dirty_regs)"] = Off(ref run, ref run.kvm_dirty_regs),
            ["offsetof(kvm_run,s.regs.regs)"] = Off(ref run, ref run.s.regs),
            ["offsetof(kvm_run,s.regs.sregs)"] = Off(ref run, ref run.s.sregs),
            ["KVM_API_VERSION"] = KvmConst.KVM_API_VERSION,
            ["KVM_GET_API_VERSION"] = KvmConst.KVM_GET_API_VERSION,
            ["KVM_CREATE_VM"] = KvmConst.KVM_CREATE_VM,
            ["KVM_CHECK_EXTENSION"] = KvmConst.KVM_CHECK_EXTENSION,
            ["KVM_GET_VCPU_MMAP_SIZE"] = KvmConst.KVM_GET_VCPU_MMAP_SIZE,
            ["KVM_GET_SUPPORTED_CPUID"] = KvmConst.KVM_GET_SUPPORTED_CPUID,
            ["KVM_CREATE_VCPU"] = KvmConst.KVM_CREATE_VCPU,
            ["KVM_SET_USER_MEMORY_REGION"] = KvmConst.KVM_SET_USER_MEMORY_REGION,
            ["KVM_RUN"] = KvmConst.KVM_RUN,
            ["KVM_GET_REGS"] = KvmConst.KVM_GET_REGS,
            ["KVM_SET_REGS"] = KvmConst.KVM_SET_REGS,
            ["KVM_GET_SREGS"] = KvmConst.KVM_GET_SREGS,
            ["KVM_SET_SREGS"] = KvmConst.KVM_SET_SREGS,
            ["KVM_GET_MSRS"] = KvmConst.KVM_GET_MSRS,
            ["KVM_SET_MSRS"] = KvmConst.KVM_SET_MSRS,
            ["KVM_SET_SIGNAL_MASK"] = KvmConst.KVM_SET_SIGNAL_MASK,
            ["KVM_SET_CPUID2"] = KvmConst.KVM_SET_CPUID2,
            ["KVM_SET_XCRS"] = KvmConst.KVM_SET_XCRS,
            ["KVM_CAP_USER_MEMORY"] = KvmConst.KVM_CAP_USER_MEMORY,
            ["KVM_CAP_EXT_CPUID"] = KvmConst.KVM_CAP_EXT_CPUID,
            ["KVM_CAP_XCRS"] = KvmConst.KVM_CAP_XCRS,
            ["KVM_CAP_SYNC_REGS"] = KvmConst.KVM_CAP_SYNC_REGS,
            ["KVM_CAP_IMMEDIATE_EXIT"] = KvmConst.KVM_CAP_IMMEDIATE_EXIT,
            ["KVM_EXIT_UNKNOWN"] = KvmConst.KVM_EXIT_UNKNOWN,
            ["KVM_EXIT_EXCEPTION"] = KvmConst.KVM_EXIT_EXCEPTION,
            ["KVM_EXIT_IO"] = KvmConst.KVM_EXIT_IO,
            ["KVM_EXIT_DEBUG"] = KvmConst.KVM_EXIT_DEBUG,
            ["KVM_EXIT_HLT"] = KvmConst.KVM_EXIT_HLT,
            ["KVM_EXIT_MMIO"] = KvmConst.KVM_EXIT_MMIO,
            ["KVM_EXIT_SHUTDOWN"] = KvmConst.KVM_EXIT_SHUTDOWN,
            ["KVM_EXIT_FAIL_ENTRY"] = KvmConst.KVM_EXIT_FAIL_ENTRY,
            ["KVM_EXIT_INTR"] = KvmConst.KVM_EXIT_INTR,
            ["KVM_EXIT_INTERNAL_ERROR"] = KvmConst.KVM_EXIT_INTERNAL_ERROR,
            ["KVM_SYNC_X86_REGS"] = KvmConst.KVM_SYNC_X86_REGS,
            ["KVM_SYNC_X86_SREGS"] = KvmConst.KVM_SYNC_X86_SREGS,
            ["KVM_SYNC_X86_EVENTS"] = KvmConst.KVM_SYNC_X86_EVENTS,
            ["sizeof(sigset_t)"] = Size<sigset_t>(),
            ["sizeof(timespec)"] = Size<timespec>(),
            ["offsetof(timespec,tv_nsec)"] = Off(ref ts, ref ts.tv_nsec),
            ["SIGUSR2"] = Signal.SIGUSR2,
            ["SIG_BLOCK"] = Signal.SIG_BLOCK,
            ["SIG_UNBLOCK"] = Signal.SIG_UNBLOCK,
            ["SIG_SETMASK"] = Signal.SIG_SETMASK,
        };
    }

    private static ulong Size<T>()
        where T : struct => (ulong)Unsafe.SizeOf<T>();

    private static ulong Off<TStruct, TField>(ref TStruct owner, ref TField field)
        => (ulong)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref owner), ref Unsafe.As<TField, byte>(ref field));
}
