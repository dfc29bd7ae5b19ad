using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Flint.Interop.Kvm;
using Flint.Interop.Unicorn;
using Flint.Vm.Cpu;
using Flint.Vm.Memory;
using U = Flint.Interop.Unicorn.Unicorn;
using X = Flint.Interop.Unicorn.UnicornX86;

namespace Flint.Vm.Emulated;

/// <summary>
/// A vCPU whose instructions an emulated CPU (Unicorn) executes, over the same guest memory, page tables and
/// syscall layer as KVM. <c>syscall</c> is caught by an instruction hook, exceptions by the interrupt hook, and a
/// not-present page by the unmapped-memory hook; each records a typed exit and stops the engine. The engine walks
/// the monitor's page tables, so protections and demand faults behave as on hardware, except that it does not
/// enforce the user/supervisor bit (nothing the guest may not read is mapped on this platform) and its CPU has no
/// NX (data pages are executable here).
/// </summary>
internal sealed unsafe class UnicornVcpu : IVcpu
{
    /// <summary>Extended state: the x87 control word and MXCSR (8 bytes each), then XMM0-15.</summary>
    private const int XmmRegisters = 16;
    private const int ExtendedStateSize = 16 + (16 * XmmRegisters);

    /// <summary>Register ids in <see cref="kvm_regs"/> field order, so one batch call moves the whole context.</summary>
    private static readonly int[] ContextRegisters =
    [
        X.UC_X86_REG_RAX, X.UC_X86_REG_RBX, X.UC_X86_REG_RCX, X.UC_X86_REG_RDX,
        X.UC_X86_REG_RSI, X.UC_X86_REG_RDI, X.UC_X86_REG_RSP, X.UC_X86_REG_RBP,
        X.UC_X86_REG_R8, X.UC_X86_REG_R9, X.UC_X86_REG_R10, X.UC_X86_REG_R11,
        X.UC_X86_REG_R12, X.UC_X86_REG_R13, X.UC_X86_REG_R14, X.UC_X86_REG_R15,
        X.UC_X86_REG_RIP, X.UC_X86_REG_RFLAGS,
    ];

    private readonly UcEngineHandle _engine;
    private readonly GuestMemory _memory;
    private readonly GuestAddress _pageTableRoot;
    private readonly UnicornStopper _stopper;
    private readonly PendingException _pendingException;
    private GCHandle _self;
    private kvm_regs _registers;
    private VcpuExit? _pending;
    private volatile bool _preemptRequested;
    private bool _pendingHasContext;

    public UnicornVcpu(GuestMemory memory, GuestAddress pageTableRoot, kvm_regs initial)
    {
        _memory = memory;
        _pageTableRoot = pageTableRoot;
        Check(U.uc_open(U.UC_ARCH_X86, U.UC_MODE_64, out var engine), "uc_open");
        _engine = new UcEngineHandle(engine);
        _stopper = new UnicornStopper(_engine);
        _pendingException = new PendingException(_engine);
        try
        {
            Check(U.uc_mem_map_ptr(_engine, 0, (nuint)memory.Size, U.UC_PROT_ALL, memory.HostAddress), "uc_mem_map_ptr");
            LongMode.Enter(_engine, pageTableRoot);
            _self = GCHandle.Alloc(this);
            AddHooks();
            _registers = initial;
            CommitRegisters();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Platform => VmPlatform.EmulatedName;

    public ref kvm_regs Registers => ref _registers;

    public ulong FsBase
    {
        get => ReadRegister(X.UC_X86_REG_FS_BASE);
        set => WriteRegister(X.UC_X86_REG_FS_BASE, value);
    }

    public byte[] SaveExtendedState()
    {
        var state = new byte[ExtendedStateSize];
        fixed (byte* p = state)
        {
            Check(U.uc_reg_read(_engine, X.UC_X86_REG_FPCW, p), "uc_reg_read(FPCW)");
            Check(U.uc_reg_read(_engine, X.UC_X86_REG_MXCSR, p + 8), "uc_reg_read(MXCSR)");
            for (var i = 0; i < XmmRegisters; i++)
            {
                Check(U.uc_reg_read(_engine, X.UC_X86_REG_XMM0 + i, p + 16 + (16 * i)), $"uc_reg_read(XMM{i})");
            }
        }

        return state;
    }

    public void RestoreExtendedState(ReadOnlySpan<byte> state)
    {
        if (state.Length != ExtendedStateSize)
        {
            throw new ArgumentException($"the emulated CPU's extended state is {ExtendedStateSize} bytes, not {state.Length}", nameof(state));
        }

        fixed (byte* p = state)
        {
            Check(U.uc_reg_write(_engine, X.UC_X86_REG_FPCW, p), "uc_reg_write(FPCW)");
            Check(U.uc_reg_write(_engine, X.UC_X86_REG_MXCSR, p + 8), "uc_reg_write(MXCSR)");
            for (var i = 0; i < XmmRegisters; i++)
            {
                Check(U.uc_reg_write(_engine, X.UC_X86_REG_XMM0 + i, p + 16 + (16 * i)), $"uc_reg_write(XMM{i})");
            }
        }
    }

    /// <summary>An engine runs on whichever thread calls it.</summary>
    public void BindToCurrentThread()
    {
    }

    public VcpuExit Run()
    {
        if (_stopper.IsStopRequested)
        {
            return VcpuExit.Stopped;
        }

        if (_preemptRequested)
        {
            _preemptRequested = false;
            return VcpuExit.Preempted;
        }

        _pending = null;
        _pendingHasContext = false;
        var error = U.uc_emu_start(_engine, _registers.rip, EmulatedCpuState.NeverReached, 0, EmulatedCpuState.SliceInstructions);
        if (_pending is { } exit)
        {
            if (!_pendingHasContext)
            {
                ReadContext();
            }

            if (exit.Kind == VcpuExitKind.Exception)
            {
                _pendingException.Forget();
            }

            if (exit.Kind == VcpuExitKind.Syscall)
            {
                // What the SYSCALL instruction does to the user's registers on hardware.
                _registers.rcx = _registers.rip;
                _registers.r11 = _registers.rflags;
            }

            return exit;
        }

        if (_stopper.IsStopRequested)
        {
            return VcpuExit.Stopped;
        }

        ReadContext();
        if (error == U.UC_ERR_OK && _registers.rip != EmulatedCpuState.NeverReached)
        {
            // The slice's instruction count ran out: other threads get their turn (and a hlt is retried, as a spin).
            _preemptRequested = false;
            return VcpuExit.Preempted;
        }

        _pendingException.Forget();
        return error switch
        {
            U.UC_ERR_INSN_INVALID => VcpuExit.Fault(ExceptionVector.InvalidOpcode),
            U.UC_ERR_OK
                => VcpuExit.Fault(ExceptionVector.PageFault, PageFaultError.User | PageFaultError.InstructionFetch, EmulatedCpuState.NeverReached),

            // An exception no hook took.
            U.UC_ERR_EXCEPTION => VcpuExit.Fault(ExceptionVector.GeneralProtection),
            _ => VcpuExit.Failure($"uc_emu_start: {U.ErrorText(error)}"),
        };
    }

    public void CommitRegisters()
    {
        fixed (kvm_regs* regs = &_registers)
        {
            BatchRegisters(regs, write: true);
        }
    }

    /// <summary>A CR3 write drops the engine's TLB; flushing the translation cache drops code translated from pages now gone.</summary>
    public void FlushTranslations()
    {
        // Reloading CR3 drops the engine's TLB. Translated blocks stay: the engine invalidates them itself when the
        // guest writes a page that holds code (its TB flush would touch the whole 1 GiB code buffer, seconds a VM).
        WriteRegister(X.UC_X86_REG_CR3, _pageTableRoot.Value);
    }

    public void RequestStop() => _stopper.RequestStop();

    /// <summary>
    /// Makes the next run a no-op slice (a signal posted to this thread is then delivered). A running engine is not
    /// interrupted: it ends its slice by instruction count (<see cref="EmulatedCpuState.SliceInstructions"/>), which
    /// stops it from inside; stopping an engine from another thread in the middle of a slice lost futex wakes.
    /// </summary>
    public void RequestPreempt() => _preemptRequested = true;

    public void Dispose()
    {
        _stopper.Dispose();
        _pendingException.Dispose();
        _engine.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private static UnicornVcpu From(nint userData) => (UnicornVcpu)GCHandle.FromIntPtr(userData).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnSyscall(nint engine, nint userData)
    {
        var vcpu = From(userData);

        // RIP still points at the instruction here; the engine moves it past once the hook returns.
        vcpu.Stop(VcpuExit.Syscall, hasContext: false);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnInterrupt(nint engine, uint number, nint userData)
    {
        var vcpu = From(userData);

        // The context is read here: after an interrupt hook the engine moves RIP past the instruction, as for `int n`.
        vcpu.ReadContext();
        var exit = number switch
        {
            ExceptionVector.PageFault => vcpu.ProtectionFault(vcpu.ReadRegister(X.UC_X86_REG_CR2)),
            < 32 => VcpuExit.Fault((int)number),

            // `int n` for a vector without a user gate: #GP with the IDT error code, as on hardware.
            _ => VcpuExit.Fault(ExceptionVector.GeneralProtection, (number << 3) | 2),
        };
        vcpu.Stop(exit, hasContext: true);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnUnmapped(nint engine, int type, ulong address, int size, long value, nint userData)
    {
        var access = type switch
        {
            U.UC_MEM_WRITE_UNMAPPED => PageFaultError.Write,
            U.UC_MEM_FETCH_UNMAPPED => PageFaultError.InstructionFetch,
            _ => 0UL,
        };

        // A not-present page: the engine restores RIP to the faulting instruction when it gives up on the access.
        From(userData).Stop(VcpuExit.Fault(ExceptionVector.PageFault, PageFaultError.User | access, address), hasContext: false);
        return 0;
    }

    /// <summary>The engine raises #PF for protection faults without an error code: derive it from the page tables and the context.</summary>
    private VcpuExit ProtectionFault(ulong address)
    {
        var entry = PageWalk.Leaf(_memory, _pageTableRoot, address);
        ulong error = PageFaultError.User;
        if ((entry & PageTables.Present) != 0)
        {
            error |= PageFaultError.Present;
        }

        if (address == _registers.rip)
        {
            error |= PageFaultError.InstructionFetch;
        }
        else if ((entry & PageTables.Present) != 0 && (entry & PageTables.Writable) == 0)
        {
            error |= PageFaultError.Write;
        }

        return VcpuExit.Fault(ExceptionVector.PageFault, error, address);
    }

    private void Stop(VcpuExit exit, bool hasContext)
    {
        _pending ??= exit;
        _pendingHasContext = hasContext;
        _ = U.uc_emu_stop(_engine);
    }

    private void AddHooks()
    {
        var user = GCHandle.ToIntPtr(_self);
        delegate* unmanaged[Cdecl]<nint, nint, void> syscall = &OnSyscall;
        delegate* unmanaged[Cdecl]<nint, uint, nint, void> interrupt = &OnInterrupt;
        delegate* unmanaged[Cdecl]<nint, int, ulong, int, long, nint, byte> unmapped = &OnUnmapped;
        Check(U.uc_hook_add(_engine, out _, U.UC_HOOK_INSN, syscall, user, 1, 0, X.UC_X86_INS_SYSCALL), "uc_hook_add(syscall)");
        Check(U.uc_hook_add(_engine, out _, U.UC_HOOK_INTR, interrupt, user, 1, 0), "uc_hook_add(interrupt)");
        Check(U.uc_hook_add(_engine, out _, U.UC_HOOK_MEM_UNMAPPED, unmapped, user, 1, 0), "uc_hook_add(unmapped)");
    }

    private void ReadContext()
    {
        fixed (kvm_regs* regs = &_registers)
        {
            BatchRegisters(regs, write: false);
        }
    }

    private void BatchRegisters(kvm_regs* regs, bool write)
    {
        var count = ContextRegisters.Length;
        var values = stackalloc void*[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ulong*)regs + i;
        }

        fixed (int* ids = ContextRegisters)
        {
            var result = write ? U.uc_reg_write_batch(_engine, ids, values, count) : U.uc_reg_read_batch(_engine, ids, values, count);
            Check(result, write ? "uc_reg_write_batch" : "uc_reg_read_batch");
        }
    }

    private ulong ReadRegister(int id)
    {
        ulong value;
        Check(U.uc_reg_read(_engine, id, &value), $"uc_reg_read({id})");
        return value;
    }

    private void WriteRegister(int id, ulong value) => LongMode.Write(_engine, id, value);

    private static void Check(int error, string operation) => LongMode.Check(error, operation);
}
