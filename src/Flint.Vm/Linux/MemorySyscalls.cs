using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>brk, and anonymous mmap/munmap/mprotect/madvise (Linux's advice values) over real page tables. File mappings are not supported yet.</summary>
internal static class MemorySyscalls
{
    public const ulong PROT_READ = 1;
    public const ulong PROT_WRITE = 2;
    public const ulong PROT_EXEC = 4;
    public const ulong MAP_SHARED = 0x01;
    public const ulong MAP_PRIVATE = 0x02;
    public const ulong MAP_FIXED = 0x10;
    public const ulong MAP_ANONYMOUS = 0x20;
    public const ulong MAP_FIXED_NOREPLACE = 0x10_0000;
    public const ulong MADV_DONTNEED = 4;
    public const ulong MADV_FREE = 8;
    public const ulong MADV_REMOVE = 9;
    public const ulong MADV_HWPOISON = 100;
    private const ulong KnownMapFlags = 0x03 | 0x10 | 0x20 | 0x100 | 0x800 | 0x1000 | 0x2000 | 0x4000 | 0x8000 | 0x1_0000
        | 0x2_0000 | 0x4_0000 | 0x8_0000 | 0x10_0000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(9, "mmap", Mmap);
        table.Register(10, "mprotect", Mprotect);
        table.Register(11, "munmap", Munmap);
        table.Register(12, "brk", Brk);
        table.Register(28, "madvise", Madvise);
    }

    public static PageFlags ToPageFlags(ulong prot)
    {
        var flags = PageFlags.Mapped;
        flags |= (prot & PROT_READ) != 0 ? PageFlags.Read : 0;
        flags |= (prot & PROT_WRITE) != 0 ? PageFlags.Write : 0;
        flags |= (prot & PROT_EXEC) != 0 ? PageFlags.Execute : 0;
        return flags;
    }

    private static long Brk(GuestProcess process, in SyscallArgs a)
        => (long)process.AddressSpace.SetBreak(new GuestAddress(a.A0)).Value;

    private static long Mmap(GuestProcess process, in SyscallArgs a)
    {
        ulong address = a.A0, length = a.A1, prot = a.A2, flags = a.A3, offset = a.A5;
        if (length == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) != 0 || (flags & ~KnownMapFlags) != 0
            || (offset & (Layout.PageSize - 1)) != 0)
        {
            return -Errno.EINVAL;
        }

        var sharing = flags & (MAP_SHARED | MAP_PRIVATE);
        if (sharing is 0)
        {
            return -Errno.EINVAL;
        }

        if ((flags & MAP_ANONYMOUS) == 0)
        {
            return -Errno.EBADF;  // no file descriptors but the standard streams, which cannot be mapped
        }

        if (length > process.AddressSpace.UserEnd.Value)
        {
            return -Errno.ENOMEM;
        }

        length = AddressSpace.AlignUp(length);
        var space = process.AddressSpace;
        var fixedAddress = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        GuestAddress start;
        if (fixedAddress)
        {
            start = new GuestAddress(address);
            if (!start.IsPageAligned)
            {
                return -Errno.EINVAL;
            }

            if (!space.IsInUserSpace(start, length))
            {
                return -Errno.ENOMEM;
            }

            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !space.IsFree(start, length))
            {
                return -Errno.EEXIST;
            }
        }
        else
        {
            var hint = new GuestAddress(address & ~(Layout.PageSize - 1));
            if (!hint.IsNull && space.IsInUserSpace(hint, length) && hint >= space.Break && space.IsFree(hint, length))
            {
                start = hint;
            }
            else if (space.FindFree(length) is { } free)
            {
                start = free;
            }
            else
            {
                return -Errno.ENOMEM;
            }
        }

        if (!process.Memory.FitsLimit(start, length, ToPageFlags(prot)))
        {
            return -Errno.ENOMEM;  // past the memory limit
        }

        space.Unmap(start, length);  // fresh anonymous memory reads as zero
        space.Map(start, length, ToPageFlags(prot));
        return (long)start.Value;
    }

    private static long Munmap(GuestProcess process, in SyscallArgs a)
    {
        var start = new GuestAddress(a.A0);
        if (!start.IsPageAligned || a.A1 == 0)
        {
            return -Errno.EINVAL;
        }

        var length = AddressSpace.AlignUp(a.A1);
        if (length < a.A1 || !process.AddressSpace.IsInUserSpace(start, length))
        {
            return -Errno.EINVAL;
        }

        process.AddressSpace.Unmap(start, length);
        return 0;
    }

    private static long Mprotect(GuestProcess process, in SyscallArgs a)
    {
        var start = new GuestAddress(a.A0);
        if (!start.IsPageAligned || (a.A2 & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x0100_0000 | 0x0200_0000)) != 0)
        {
            return -Errno.EINVAL;
        }

        var length = AddressSpace.AlignUp(a.A1);
        if (length < a.A1 || !process.AddressSpace.IsInUserSpace(start, length) || !process.AddressSpace.IsFullyMapped(start, length))
        {
            return -Errno.ENOMEM;
        }

        if (length > 0)
        {
            if (!process.Memory.FitsLimit(start, length, ToPageFlags(a.A2)))
            {
                return -Errno.ENOMEM;  // past the memory limit
            }

            process.AddressSpace.Map(start, length, ToPageFlags(a.A2));
        }

        return 0;
    }

    private static long Madvise(GuestProcess process, in SyscallArgs a)
    {
        var start = new GuestAddress(a.A0);
        var length = AddressSpace.AlignUp(a.A1);
        var advice = a.A2;
        if (!start.IsPageAligned || length < a.A1 || advice is not (<= 4 or (>= 8 and <= 25) or 100 or 101))
        {
            return -Errno.EINVAL;
        }

        if (advice >= MADV_HWPOISON)
        {
            return -Errno.EPERM;
        }

        if (!process.AddressSpace.IsInUserSpace(start, length) || !process.AddressSpace.IsFullyMapped(start, length))
        {
            return -Errno.ENOMEM;
        }

        if (advice == MADV_REMOVE)
        {
            return -Errno.EINVAL;  // private anonymous memory cannot be punched out
        }

        // MADV_DONTNEED zeroes private anonymous pages; MADV_FREE may, and here does at once.
        if (advice is MADV_DONTNEED or MADV_FREE && length > 0)
        {
            process.Memory.Discard(start, length);
        }

        return 0;
    }
}
