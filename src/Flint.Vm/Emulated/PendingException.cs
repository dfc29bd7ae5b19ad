using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Interop.Unicorn;
using Flint.Vm.Cpu;
using U = Flint.Interop.Unicorn.Unicorn;

namespace Flint.Vm.Emulated;

/// <summary>
/// The emulated CPU remembers the last exception it raised until one is delivered through the IDT, to turn a
/// fault during delivery into a double fault. Flint catches every exception in a hook, so nothing is ever
/// delivered: left alone, a guest's second handled fault would become a double fault and its third a
/// shutdown. After each exception the vCPU forgets it, as delivery would: it saves the engine's context, sets
/// that one field back to "none" (-1) and restores the context.
/// The field's offset in the library's context is found once per process, with a throwaway engine: the only
/// 32-bit word that reads -1 before a page fault and 14 after it.
/// </summary>
internal sealed unsafe class PendingException : IDisposable
{
    private const int None = -1;
    private static readonly Lazy<int?> Offset = new(Calibrate);
    private readonly UcEngineHandle _engine;
    private nint _context;

    public PendingException(UcEngineHandle engine)
    {
        _engine = engine;
        LongMode.Check(U.uc_context_alloc(engine, out _context), "uc_context_alloc");
    }

    /// <summary>Whether the field was found in this library; without it, repeated faults escalate as described.</summary>
    public static bool IsSupported => Offset.Value is not null;

    public void Forget()
    {
        if (Offset.Value is not { } offset)
        {
            return;
        }

        LongMode.Check(U.uc_context_save(_engine, _context), "uc_context_save");
        *(int*)(_context + offset) = None;
        LongMode.Check(U.uc_context_restore(_engine, _context), "uc_context_restore");
    }

    public void Dispose()
    {
        if (_context != 0)
        {
            _ = U.uc_context_free(_context);
            _context = 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void StopOnInterrupt(nint engine, uint number, nint userData) => _ = U.uc_emu_stop(engine);

    /// <summary>Runs <c>movq $1, (read-only page)</c> in a fresh engine and compares its context before and after.</summary>
    private static int? Calibrate()
    {
        const ulong size = 4 << 20;
        const ulong root = 0x10_0000;
        const ulong code = 0x20_0000;
        const ulong data = 0x20_1000;
        var memory = Mman.mmap(0, (nuint)size, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (memory == Mman.MAP_FAILED)
        {
            return null;
        }

        nint context = 0;
        try
        {
            if (U.uc_open(U.UC_ARCH_X86, U.UC_MODE_64, out var raw) != U.UC_ERR_OK)
            {
                return null;
            }

            using var engine = new UcEngineHandle(raw);
            var bytes = new Span<byte>((void*)memory, (int)size);
            var entries = MemoryMarshal.Cast<byte, ulong>(bytes);
            entries[(int)(root / 8)] = (root + 0x1000) | 7;                 // PML4 -> PDPT
            entries[(int)((root + 0x1000) / 8)] = (root + 0x2000) | 7;      // PDPT -> PD
            entries[(int)((root + 0x2000) / 8) + 1] = (root + 0x3000) | 7;  // PD[1] (2 MiB) -> PT
            entries[(int)((root + 0x3000) / 8)] = code | 5;                 // code: present, user, read-only
            entries[(int)((root + 0x3000) / 8) + 1] = data | 5;             // data: present, user, read-only
            ReadOnlySpan<byte> store = [0x48, 0xC7, 0x04, 0x25, 0x00, 0x10, 0x20, 0x00, 0x01, 0, 0, 0];  // movq $1, 0x201000
            store.CopyTo(bytes[(int)code..]);

            LongMode.Check(U.uc_mem_map_ptr(engine, 0, (nuint)size, U.UC_PROT_ALL, memory), "uc_mem_map_ptr");
            LongMode.Enter(engine, new GuestAddress(root));
            delegate* unmanaged[Cdecl]<nint, uint, nint, void> stop = &StopOnInterrupt;
            LongMode.Check(U.uc_hook_add(engine, out _, U.UC_HOOK_INTR, stop, 0, 1, 0), "uc_hook_add");
            var length = (int)U.uc_context_size(engine);
            LongMode.Check(U.uc_context_alloc(engine, out context), "uc_context_alloc");
            LongMode.Check(U.uc_context_save(engine, context), "uc_context_save");
            var before = new ReadOnlySpan<byte>((void*)context, length).ToArray();
            _ = U.uc_emu_start(engine, code, 0, 0, 0);
            LongMode.Check(U.uc_context_save(engine, context), "uc_context_save");
            var after = new ReadOnlySpan<int>((void*)context, length / 4);
            var words = MemoryMarshal.Cast<byte, int>(before);
            int? found = null;
            for (var i = 0; i < words.Length; i++)
            {
                if (words[i] == None && after[i] == ExceptionVector.PageFault)
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = i * 4;
                }
            }

            return found;
        }
        catch (VmSetupException)
        {
            return null;
        }
        finally
        {
            if (context != 0)
            {
                _ = U.uc_context_free(context);
            }

            _ = Mman.munmap(memory, (nuint)size);
        }
    }
}
