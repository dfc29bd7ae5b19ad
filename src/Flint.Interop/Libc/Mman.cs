using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sys/mman.h&gt;</summary>
internal static unsafe partial class Mman
{
    public const int PROT_NONE = 0;
    public const int PROT_READ = 1;
    public const int PROT_WRITE = 2;
    public const int MAP_SHARED = 0x01;
    public const int MAP_PRIVATE = 0x02;
    public const int MAP_FIXED = 0x10;
    public const int MAP_ANONYMOUS = 0x20;
    public const int MAP_NORESERVE = 0x4000;
    public const int MADV_DONTNEED = 4;
    public static readonly nint MAP_FAILED = -1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    public static partial int madvise(nint addr, nuint length, int advice);

    /// <summary>One byte per page of the range; bit 0 set where the page is resident.</summary>
    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    public static partial int mincore(nint addr, nuint length, byte* vector);
}
