using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Flint.Interop.Kvm;
using Flint.Interop.Libc;
using Flint.Vm.Cpu;
using K = Flint.Interop.Kvm.Kvm;

namespace Flint.Vm.Kvm;

/// <summary>
/// A KVM vCPU. Traps arrive as doorbells (<see cref="KvmTraps"/> turns them into typed exits and user contexts).
/// Registers travel through kvm_run's sync-regs area (no GET/SET_REGS per exit). A stop request sets
/// kvm_run.immediate_exit and sends the <see cref="KickSignal"/> to the vCPU thread, so a stop can never be lost:
/// it either interrupts KVM_RUN with EINTR or makes the next KVM_RUN return at once.
/// </summary>
internal sealed unsafe class KvmVcpu : IVcpu
{
    private readonly KvmVm _vm;
    private readonly VcpuHandle _handle;
    private readonly ulong _syncFields;
    private readonly Lock _kickLock = new();
    private kvm_run* _run;
    private int _threadId;
    private volatile bool _stopRequested;
    private volatile bool _preemptRequested;
    private KvmResumePath _resume;

    public KvmVcpu(KvmVm vm, VcpuHandle handle)
    {
        _vm = vm;
        _handle = handle;
        _syncFields = K.KVM_SYNC_X86_REGS | (vm.System.SyncRegisters & K.KVM_SYNC_X86_SREGS);
        var run = Mman.mmap(0, (nuint)vm.System.VcpuMmapSize, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED,
            (int)handle.DangerousGetHandle(), 0);
        if (run == Mman.MAP_FAILED)
        {
            throw new VmSetupException("mmap of kvm_run", Marshal.GetLastPInvokeError());
        }

        _run = (kvm_run*)run;
    }

    public string Platform => VmPlatform.KvmName;

    public ref kvm_regs Registers => ref _run->s.regs;

    public ulong FsBase
    {
        get => GetMsr(Msr.FsBase);
        set => SetMsrs([(Msr.FsBase, value)]);
    }

    public byte[] SaveExtendedState()
    {
        var state = new byte[K.XsaveSize];
        fixed (byte* p = state)
        {
            Check(KvmIoctls.Invoke(_handle, K.KVM_GET_XSAVE, p), "KVM_GET_XSAVE");
        }

        return state;
    }

    public void RestoreExtendedState(ReadOnlySpan<byte> state)
    {
        if (state.Length != K.XsaveSize)
        {
            throw new ArgumentException($"an XSAVE area is {K.XsaveSize} bytes, not {state.Length}", nameof(state));
        }

        fixed (byte* p = state)
        {
            Check(KvmIoctls.Invoke(_handle, K.KVM_SET_XSAVE, p), "KVM_SET_XSAVE");
        }
    }

    /// <summary>Programs the vCPU for its first entry: CPUID, special registers, XCR0, MSRs, general registers.</summary>
    public void Configure(kvm_sregs sregs, (uint Index, ulong Value)[] msrs, kvm_regs regs)
    {
        var cpuid = _vm.System.SupportedCpuid();
        fixed (byte* p = cpuid)
        {
            Check(KvmIoctls.Invoke(_handle, K.KVM_SET_CPUID2, p), "KVM_SET_CPUID2");
        }

        // Keep what KVM initialised that the monitor has no opinion on (the APIC base).
        kvm_sregs initial;
        Check(KvmIoctls.Invoke(_handle, K.KVM_GET_SREGS, &initial), "KVM_GET_SREGS");
        sregs.apic_base = initial.apic_base;
        Check(KvmIoctls.Invoke(_handle, K.KVM_SET_SREGS, &sregs), "KVM_SET_SREGS");
        if (_vm.System.HasXcrs)
        {
            // Best effort, as in the reference experiments: without it the guest sees XCR0 = x87 only and its
            // C library simply does not use AVX.
            var xcrs = new kvm_xcrs { nr_xcrs = 1 };
            xcrs.xcrs[0] = new kvm_xcr { xcr = 0, value = Xcr0(cpuid) };
            _ = KvmIoctls.Invoke(_handle, K.KVM_SET_XCRS, &xcrs);
        }

        SetMsrs(msrs);
        Check(KvmIoctls.Invoke(_handle, K.KVM_SET_REGS, &regs), "KVM_SET_REGS");
    }

    /// <summary>Must run on the thread that will call <see cref="Run"/>: blocks the kick signal outside KVM_RUN.</summary>
    public void BindToCurrentThread()
    {
        var insideRun = KickSignal.BlockOnCurrentThread();
        var mask = stackalloc byte[sizeof(kvm_signal_mask) + 8];
        ((kvm_signal_mask*)mask)->len = 8;
        *(ulong*)(mask + sizeof(kvm_signal_mask)) = insideRun;
        Check(KvmIoctls.Invoke(_handle, K.KVM_SET_SIGNAL_MASK, mask), "KVM_SET_SIGNAL_MASK");
        lock (_kickLock)
        {
            _threadId = Unistd.gettid();
        }
    }

    public VcpuExit Run()
    {
        while (true)
        {
            if (_stopRequested)
            {
                return VcpuExit.Stopped;
            }

            if (_preemptRequested)
            {
                _preemptRequested = false;
                Volatile.Write(ref _run->immediate_exit, 0);
                return VcpuExit.Preempted;
            }

            _run->kvm_valid_regs = _syncFields;
            var rc = KvmIoctls.Invoke(_handle, K.KVM_RUN, 0);
            _run->kvm_dirty_regs = 0;
            if (rc < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Errno.EINTR or Errno.EAGAIN)
                {
                    if (!_stopRequested)
                    {
                        // A preemption raced with the check above: its flag is seen on the next turn.
                        Volatile.Write(ref _run->immediate_exit, 0);
                    }

                    KickSignal.Drain();
                    continue;
                }

                return VcpuExit.Failure($"KVM_RUN failed: {Errno.Name(errno)}");
            }

            switch (_run->exit_reason)
            {
                case K.KVM_EXIT_MMIO:
                    var address = new GuestAddress(_run->mmio.phys_addr);
                    if (_run->mmio.is_write == 0 || address.Value - Layout.DoorbellPage >= Layout.PageSize)
                    {
                        return new VcpuExit(VcpuExitKind.UnbackedMemory, FaultAddress: address.Value);
                    }

                    var sregs = SpecialRegisters();
                    return KvmTraps.Decode(address, sregs.cs.dpl, sregs.cr2, _vm.Memory, ref _run->s.regs, out _resume);
                case K.KVM_EXIT_SHUTDOWN:
                    return new VcpuExit(VcpuExitKind.Shutdown);
                case K.KVM_EXIT_INTERNAL_ERROR when _run->@internal.suberror == K.KVM_INTERNAL_ERROR_EMULATION && SpecialRegisters().cs.dpl == 3:
                    // User code made KVM emulate what it cannot (a vector, fxsave or xsave store to the doorbell page):
                    // the guest's own fault, a #GP at that instruction, as a CPU would raise for an unsupported access.
                    return new VcpuExit(VcpuExitKind.Exception, ExceptionVector.GeneralProtection,
                        Detail: $"KVM could not emulate the instruction at 0x{_run->s.regs.rip:x} (it touched the monitor's doorbell page)");
                case K.KVM_EXIT_INTR:
                    KickSignal.Drain();
                    continue;
                default:
                    return VcpuExit.Failure($"KVM exit reason {_run->exit_reason}");
            }
        }
    }

    public void CommitRegisters()
    {
        if (!KvmTraps.PrepareResume(_resume, _vm.Memory, ref _run->s.regs))
        {
            throw new InvalidOperationException("the kernel stack lies outside guest memory");
        }

        _resume = KvmResumePath.Direct;
        _run->kvm_dirty_regs |= K.KVM_SYNC_X86_REGS;
    }

    public void FlushTranslations() => _vm.ReloadMemory();

    public void RequestStop()
    {
        _stopRequested = true;
        Kick();
    }

    public void RequestPreempt()
    {
        _preemptRequested = true;
        Kick();
    }

    public void Dispose()
    {
        lock (_kickLock)
        {
            if (_run is not null)
            {
                _ = Mman.munmap((nint)_run, (nuint)_vm.System.VcpuMmapSize);
                _run = null;
            }

            _threadId = 0;
        }

        _handle.Dispose();
    }

    /// <summary>Makes a KVM_RUN in progress return EINTR, or the next one return at once; the flags say why.</summary>
    private void Kick()
    {
        lock (_kickLock)
        {
            if (_run is null)
            {
                return;
            }

            Volatile.Write(ref _run->immediate_exit, 1);
            if (_threadId != 0)
            {
                _ = KickSignal.Send(_threadId);
            }
        }
    }

    private static ulong Xcr0(byte[] cpuid)
    {
        // CPUID leaf 0xD subleaf 0, EAX: the XCR0 bits the CPU supports. x87 (bit 0) is always on.
        var entries = MemoryMarshal.Cast<byte, kvm_cpuid_entry2>(cpuid.AsSpan(sizeof(kvm_cpuid2)));
        var count = MemoryMarshal.Read<kvm_cpuid2>(cpuid).nent;
        for (var i = 0; i < count; i++)
        {
            if (entries[i].function == 0xD && entries[i].index == 0)
            {
                return (entries[i].eax & ControlRegisters.Xcr0Wanted) | 1;
            }
        }

        return 1;
    }

    private kvm_sregs SpecialRegisters()
    {
        if ((_syncFields & K.KVM_SYNC_X86_SREGS) != 0)
        {
            return _run->s.sregs;
        }

        kvm_sregs sregs;
        Check(KvmIoctls.Invoke(_handle, K.KVM_GET_SREGS, &sregs), "KVM_GET_SREGS");
        return sregs;
    }

    private ulong GetMsr(uint index)
    {
        var buffer = stackalloc byte[sizeof(kvm_msrs) + sizeof(kvm_msr_entry)];
        ((kvm_msrs*)buffer)->nmsrs = 1;
        var entry = (kvm_msr_entry*)(buffer + sizeof(kvm_msrs));
        entry->index = index;
        if (KvmIoctls.Invoke(_handle, K.KVM_GET_MSRS, buffer) != 1)
        {
            throw new VmSetupException($"KVM_GET_MSRS(0x{index:x})", Marshal.GetLastPInvokeError());
        }

        return entry->data;
    }

    private void SetMsrs((uint Index, ulong Value)[] msrs)
    {
        var size = sizeof(kvm_msrs) + (msrs.Length * sizeof(kvm_msr_entry));
        var buffer = stackalloc byte[size];
        Unsafe.InitBlock(buffer, 0, (uint)size);
        ((kvm_msrs*)buffer)->nmsrs = (uint)msrs.Length;
        var entries = (kvm_msr_entry*)(buffer + sizeof(kvm_msrs));
        for (var i = 0; i < msrs.Length; i++)
        {
            entries[i].index = msrs[i].Index;
            entries[i].data = msrs[i].Value;
        }

        // KVM_SET_MSRS returns how many entries it set; fewer than asked means the first missing one was refused.
        if (KvmIoctls.Invoke(_handle, K.KVM_SET_MSRS, buffer) != msrs.Length)
        {
            throw new VmSetupException("KVM_SET_MSRS", Marshal.GetLastPInvokeError());
        }
    }

    private static void Check(int result, string operation)
    {
        if (result < 0)
        {
            throw new VmSetupException(operation, Marshal.GetLastPInvokeError());
        }
    }
}
