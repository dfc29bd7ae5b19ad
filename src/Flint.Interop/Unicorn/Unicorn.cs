using System.Runtime.InteropServices;

namespace Flint.Interop.Unicorn;

/// <summary>
/// &lt;unicorn/unicorn.h&gt; (Debian <c>libunicorn2</c> 2.0.1): the engine, memory, registers, hooks and run control
/// the emulated vCPU uses. Variadic entry points (<c>uc_hook_add</c>, <c>uc_ctl</c>) are declared with the fixed
/// argument lists Flint passes: on x86-64 System V a variadic integer argument travels like a named one.
/// </summary>
internal static unsafe partial class Unicorn
{
    public const string Library = "libunicorn.so.2";

    public const int UC_ARCH_X86 = 4;
    public const int UC_MODE_64 = 1 << 3;
    public const uint UC_PROT_ALL = 7;

    // uc_err
    public const int UC_ERR_OK = 0;
    public const int UC_ERR_READ_UNMAPPED = 6;
    public const int UC_ERR_WRITE_UNMAPPED = 7;
    public const int UC_ERR_FETCH_UNMAPPED = 8;
    public const int UC_ERR_INSN_INVALID = 10;
    public const int UC_ERR_EXCEPTION = 21;

    // uc_hook_type
    public const int UC_HOOK_INTR = 1 << 0;
    public const int UC_HOOK_INSN = 1 << 1;
    public const int UC_HOOK_MEM_READ_UNMAPPED = 1 << 4;
    public const int UC_HOOK_MEM_WRITE_UNMAPPED = 1 << 5;
    public const int UC_HOOK_MEM_FETCH_UNMAPPED = 1 << 6;
    public const int UC_HOOK_MEM_UNMAPPED = UC_HOOK_MEM_READ_UNMAPPED | UC_HOOK_MEM_WRITE_UNMAPPED | UC_HOOK_MEM_FETCH_UNMAPPED;

    // uc_mem_type, as passed to a UC_HOOK_MEM_UNMAPPED callback
    public const int UC_MEM_READ_UNMAPPED = 19;
    public const int UC_MEM_WRITE_UNMAPPED = 20;
    public const int UC_MEM_FETCH_UNMAPPED = 21;

    // uc_ctl: UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30
    public const int UC_CTL_IO_WRITE = 1;
    public const int UC_CTL_CPU_MODEL = 7;
    public const int UC_CTL_TB_FLUSH = 10;

    public static int UC_CTL_WRITE(int type, int argumentCount) => type | (argumentCount << 26) | (UC_CTL_IO_WRITE << 30);

    [LibraryImport(Library, EntryPoint = "uc_open")]
    public static partial int uc_open(int arch, int mode, out nint uc);

    [LibraryImport(Library, EntryPoint = "uc_close")]
    public static partial int uc_close(nint uc);

    [LibraryImport(Library, EntryPoint = "uc_strerror")]
    public static partial nint uc_strerror(int code);

    [LibraryImport(Library, EntryPoint = "uc_mem_map_ptr")]
    public static partial int uc_mem_map_ptr(UcEngineHandle uc, ulong address, nuint size, uint perms, nint ptr);

    [LibraryImport(Library, EntryPoint = "uc_reg_read")]
    public static partial int uc_reg_read(UcEngineHandle uc, int regid, void* value);

    [LibraryImport(Library, EntryPoint = "uc_reg_write")]
    public static partial int uc_reg_write(UcEngineHandle uc, int regid, void* value);

    [LibraryImport(Library, EntryPoint = "uc_reg_read_batch")]
    public static partial int uc_reg_read_batch(UcEngineHandle uc, int* regs, void** values, int count);

    [LibraryImport(Library, EntryPoint = "uc_reg_write_batch")]
    public static partial int uc_reg_write_batch(UcEngineHandle uc, int* regs, void** values, int count);

    [LibraryImport(Library, EntryPoint = "uc_emu_start")]
    public static partial int uc_emu_start(UcEngineHandle uc, ulong begin, ulong until, ulong timeout, nuint count);

    /// <summary>Thread-safe: ends a running <c>uc_emu_start</c> at the next translation-block boundary; a no-op when none runs.</summary>
    [LibraryImport(Library, EntryPoint = "uc_emu_stop")]
    public static partial int uc_emu_stop(UcEngineHandle uc);

    /// <summary><c>uc_emu_stop</c> from inside a hook, which is handed the raw engine pointer.</summary>
    [LibraryImport(Library, EntryPoint = "uc_emu_stop")]
    public static partial int uc_emu_stop(nint uc);

    [LibraryImport(Library, EntryPoint = "uc_context_size")]
    public static partial nuint uc_context_size(UcEngineHandle uc);

    [LibraryImport(Library, EntryPoint = "uc_context_alloc")]
    public static partial int uc_context_alloc(UcEngineHandle uc, out nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_save")]
    public static partial int uc_context_save(UcEngineHandle uc, nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_restore")]
    public static partial int uc_context_restore(UcEngineHandle uc, nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_free")]
    public static partial int uc_context_free(nint context);

    /// <summary><c>uc_hook_add</c> for callbacks without an extra argument (interrupts, unmapped memory).</summary>
    [LibraryImport(Library, EntryPoint = "uc_hook_add")]
    public static partial int uc_hook_add(UcEngineHandle uc, out nuint hook, int type, void* callback, nint userData, ulong begin, ulong end);

    /// <summary><c>uc_hook_add</c> for <see cref="UC_HOOK_INSN"/>: the variadic argument is the instruction id.</summary>
    [LibraryImport(Library, EntryPoint = "uc_hook_add")]
    public static partial int uc_hook_add(UcEngineHandle uc, out nuint hook, int type, void* callback, nint userData, ulong begin, ulong end, int instruction);

    /// <summary><c>uc_ctl</c> with no argument (<c>uc_ctl_flush_tb</c>).</summary>
    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int uc_ctl(UcEngineHandle uc, int control);

    /// <summary><c>uc_ctl</c> with one integer argument (<c>uc_ctl_set_cpu_model</c>).</summary>
    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int uc_ctl(UcEngineHandle uc, int control, int argument);

    /// <summary>The library's text for an error code.</summary>
    public static string ErrorText(int code) => Marshal.PtrToStringUTF8(uc_strerror(code)) ?? $"uc_err {code}";
}
