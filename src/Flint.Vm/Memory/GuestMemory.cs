using System.Runtime.InteropServices;
using System.Text;
using Flint.Interop.Libc;

namespace Flint.Vm.Memory;

/// <summary>
/// The guest's RAM: one anonymous host mapping, guest-physical 0..Size, plus the user permission of every page.
/// The host backs a page only once it is touched, so Size is the address space; <see cref="Limit"/> bounds the pages
/// the guest may access at once (the memory limit: reservations without access do not count).
/// <see cref="TryGetSpan"/> is the one checked accessor every guest pointer goes through: overflow-safe bounds,
/// then the page permissions for user accesses. A bad guest pointer is a <c>false</c>, never an exception.
/// </summary>
internal sealed unsafe class GuestMemory : IDisposable
{
    /// <summary>
    /// One <see cref="PageFlags"/> per guest page, in anonymous host memory of its own: the parts of the map a guest
    /// never uses stay unallocated (an idle VM holds a few KiB of it, not a flag per page of its address space).
    /// </summary>
    private nint _flags;

    private nint _host;
    private bool _fileBacked;

    public GuestMemory(ulong size, ulong? limit = null)
    {
        if (size < Layout.MinGuestMemory || size > Layout.AddressSpaceSize || size % Layout.PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "guest memory must be a page multiple between 16 MiB and the address space (2 GiB less 4 KiB)");
        }

        if (limit is { } l && (l < Layout.MinGuestMemory || l > size || l > Layout.MaxGuestMemory || l % Layout.PageSize != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the memory limit must be a page multiple between 16 MiB and the guest memory size");
        }

        var host = Mman.mmap(0, (nuint)size, Mman.PROT_READ | Mman.PROT_WRITE,
            Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_NORESERVE, -1, 0);
        if (host == Mman.MAP_FAILED)
        {
            throw new VmSetupException("mmap of guest memory", Marshal.GetLastPInvokeError());
        }

        var flags = Mman.mmap(0, (nuint)(size >> Layout.PageShift), Mman.PROT_READ | Mman.PROT_WRITE,
            Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_NORESERVE, -1, 0);
        if (flags == Mman.MAP_FAILED)
        {
            var error = Marshal.GetLastPInvokeError();
            _ = Mman.munmap(host, (nuint)size);
            throw new VmSetupException("mmap of the guest page map", error);
        }

        _host = host;
        _flags = flags;
        Size = size;
        Limit = limit ?? size;
    }

    public ulong Size { get; }

    /// <summary>The most bytes of pages the guest may be able to access at once.</summary>
    public ulong Limit { get; }

    /// <summary>Pages with a user access bit (read, write or execute) now.</summary>
    public ulong AccessiblePages { get; private set; }

    /// <summary>The host address of guest-physical 0, for KVM_SET_USER_MEMORY_REGION only.</summary>
    public nint HostAddress => _host;

    public bool TryGetSpan(GuestAddress address, ulong length, GuestAccess access, out Span<byte> span)
    {
        span = default;
        ObjectDisposedException.ThrowIf(_host == 0, this);
        if (length > int.MaxValue || address.Value > Size || length > Size - address.Value)
        {
            return false;
        }

        if (access != GuestAccess.Monitor && length > 0 && !HasAccess(address, length, access))
        {
            return false;
        }

        span = new Span<byte>((void*)(_host + (nint)address.Value), (int)length);
        return true;
    }

    public bool TryRead<T>(GuestAddress address, GuestAccess access, out T value)
        where T : unmanaged
    {
        value = default;
        if (!TryGetSpan(address, (ulong)sizeof(T), access, out var span))
        {
            return false;
        }

        value = MemoryMarshal.Read<T>(span);
        return true;
    }

    public bool TryWrite<T>(GuestAddress address, GuestAccess access, in T value)
        where T : unmanaged
    {
        if (!TryGetSpan(address, (ulong)sizeof(T), access, out var span))
        {
            return false;
        }

        MemoryMarshal.Write(span, in value);
        return true;
    }

    public bool TryWrite(GuestAddress address, GuestAccess access, ReadOnlySpan<byte> bytes)
    {
        if (!TryGetSpan(address, (ulong)bytes.Length, access, out var span))
        {
            return false;
        }

        bytes.CopyTo(span);
        return true;
    }

    /// <summary>Reads a NUL-terminated string of at most <paramref name="maxLength"/> bytes (without the NUL).</summary>
    public bool TryReadCString(GuestAddress address, int maxLength, GuestAccess access, out string value)
    {
        value = string.Empty;
        var bytes = new List<byte>();
        for (ulong i = 0; i <= (ulong)maxLength; i++)
        {
            if (address.Value + i < address.Value || !TryRead<byte>(address + i, access, out var b))
            {
                return false;
            }

            if (b == 0)
            {
                value = Encoding.UTF8.GetString([.. bytes]);
                return true;
            }

            bytes.Add(b);
        }

        return false;
    }

    public PageFlags GetPageFlags(GuestAddress address)
        => address.Value < Size ? Pages[(int)(address.Value >> Layout.PageShift)] : PageFlags.None;

    /// <summary>
    /// The highest page-aligned range of <paramref name="length"/> bytes in [<paramref name="floor"/>,
    /// <paramref name="end"/>) with no page mapped, if any: vectorized scans down over the page flags.
    /// </summary>
    public GuestAddress? HighestUnmappedRange(GuestAddress floor, GuestAddress end, ulong length)
    {
        CheckPageRange(floor, end.Value - floor.Value);
        var pages = (int)(length >> Layout.PageShift);
        var window = Pages.Slice((int)(floor.Value >> Layout.PageShift), (int)((end.Value - floor.Value) >> Layout.PageShift));
        while (window.Length >= pages)
        {
            var lastMapped = window.LastIndexOfAnyExcept(PageFlags.None);
            if (window.Length - (lastMapped + 1) >= pages)
            {
                return new GuestAddress(floor.Value + ((ulong)(window.Length - pages) << Layout.PageShift));
            }

            // Skip the whole run of mapped pages below the gap, not one page at a time.
            var lastFree = window[..lastMapped].LastIndexOf(PageFlags.None);
            if (lastFree < 0)
            {
                return null;
            }

            window = window[..(lastFree + 1)];
        }

        return null;
    }

    /// <summary>Records the user permission of whole pages; <paramref name="start"/> and length must be page-aligned and in bounds.</summary>
    public void SetPageFlags(GuestAddress start, ulong length, PageFlags flags)
    {
        CheckPageRange(start, length);
        var pages = Pages.Slice((int)(start.Value >> Layout.PageShift), (int)(length >> Layout.PageShift));
        AccessiblePages = AccessiblePages - CountAccessible(pages) + (IsAccessible(flags) ? (ulong)pages.Length : 0);
        pages.Fill(flags);
    }

    /// <summary>Whether giving the pages of a range <paramref name="flags"/> keeps the accessible pages within <see cref="Limit"/>; a no is remembered in <see cref="LimitRefused"/>.</summary>
    public bool FitsLimit(GuestAddress start, ulong length, PageFlags flags)
    {
        CheckPageRange(start, length);
        if (!IsAccessible(flags))
        {
            return true;
        }

        var pages = Pages.Slice((int)(start.Value >> Layout.PageShift), (int)(length >> Layout.PageShift));
        var after = AccessiblePages - CountAccessible(pages) + (ulong)pages.Length;
        if (after <= Limit >> Layout.PageShift)
        {
            return true;
        }

        LimitRefused = true;
        return false;
    }

    /// <summary>
    /// Whether <see cref="FitsLimit"/> has ever said no: the guest asked for more memory than its limit allows
    /// (every caller asks on the guest's behalf, before mapping, and answers ENOMEM on a no).
    /// </summary>
    public bool LimitRefused { get; private set; }

    /// <summary>Gives whole pages back to the host: they read as zero afterwards.</summary>
    public void Discard(GuestAddress start, ulong length)
    {
        CheckPageRange(start, length);
        if (length == 0)
        {
            return;
        }

        if (_fileBacked)
        {
            // MADV_DONTNEED would bring a snapshot's pages back; fresh anonymous pages read as zero, as Linux promises.
            var fresh = Mman.mmap(_host + (nint)start.Value, (nuint)length, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_NORESERVE | Mman.MAP_FIXED, -1, 0);
            if (fresh == Mman.MAP_FAILED)
            {
                throw new VmSetupException("mmap of discarded guest memory", Marshal.GetLastPInvokeError());
            }
        }
        else if (Mman.madvise(_host + (nint)start.Value, (nuint)length, Mman.MADV_DONTNEED) != 0)
        {
            throw new VmSetupException("madvise(MADV_DONTNEED) of guest memory", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// Which pages the host holds for the guest (mincore: the ones ever written or read); the rest read as zero.
    /// One entry per page, bit 0 set where resident.
    /// </summary>
    public byte[] ResidentPages()
    {
        ObjectDisposedException.ThrowIf(_host == 0, this);
        var vector = new byte[Size >> Layout.PageShift];
        fixed (byte* v = vector)
        {
            if (Mman.mincore(_host, (nuint)Size, v) != 0)
            {
                throw new VmSetupException("mincore of guest memory", Marshal.GetLastPInvokeError());
            }
        }

        return vector;
    }

    /// <summary>Whether every byte of the page at <paramref name="page"/> (a page number) is zero.</summary>
    public bool IsZeroPage(ulong page)
    {
        ObjectDisposedException.ThrowIf(_host == 0, this);
        var span = new ReadOnlySpan<byte>((void*)(_host + (nint)(page << Layout.PageShift)), (int)Layout.PageSize);
        return !span.ContainsAnyExcept((byte)0);
    }

    /// <summary>The monitor's page flags as runs of equal, non-empty flags: what a snapshot keeps of the address-space map.</summary>
    public List<(ulong FirstPage, int Pages, PageFlags Flags)> FlagRuns()
    {
        var runs = new List<(ulong, int, PageFlags)>();
        var pages = Pages;
        var page = 0;
        while (page < pages.Length)
        {
            var offset = pages[page..].IndexOfAnyExcept(PageFlags.None);
            if (offset < 0)
            {
                break;
            }

            page += offset;
            var flags = pages[page];
            var length = pages[page..].IndexOfAnyExcept(flags);
            length = length < 0 ? pages.Length - page : length;
            runs.Add(((ulong)page, length, flags));
            page += length;
        }

        return runs;
    }

    /// <summary>
    /// Maps <paramref name="length"/> bytes of <paramref name="file"/> at <paramref name="fileOffset"/> over guest
    /// memory at <paramref name="start"/>, copy-on-write: the guest's writes stay private to this VM.
    /// </summary>
    public void MapPrivate(SafeHandle file, long fileOffset, GuestAddress start, ulong length)
    {
        CheckPageRange(start, length);
        ObjectDisposedException.ThrowIf(_host == 0, this);
        var mapped = Mman.mmap(_host + (nint)start.Value, (nuint)length, Mman.PROT_READ | Mman.PROT_WRITE,
            Mman.MAP_PRIVATE | Mman.MAP_FIXED, (int)file.DangerousGetHandle(), (nint)fileOffset);
        if (mapped == Mman.MAP_FAILED)
        {
            throw new VmSetupException("mmap of snapshot memory", Marshal.GetLastPInvokeError());
        }

        _fileBacked = true;
    }

    public void Dispose()
    {
        if (_host != 0)
        {
            _ = Mman.munmap(_host, (nuint)Size);
            _host = 0;
        }

        if (_flags != 0)
        {
            _ = Mman.munmap(_flags, (nuint)(Size >> Layout.PageShift));
            _flags = 0;
        }
    }

    private Span<PageFlags> Pages
    {
        get
        {
            ObjectDisposedException.ThrowIf(_flags == 0, this);
            return new Span<PageFlags>((void*)_flags, (int)(Size >> Layout.PageShift));
        }
    }

    private static bool IsAccessible(PageFlags flags) => (flags & (PageFlags.Read | PageFlags.Write | PageFlags.Execute)) != 0;

    private static ulong CountAccessible(ReadOnlySpan<PageFlags> pages)
    {
        ulong count = 0;
        foreach (var page in pages)
        {
            count += IsAccessible(page) ? 1UL : 0;
        }

        return count;
    }

    private bool HasAccess(GuestAddress address, ulong length, GuestAccess access)
    {
        var need = access == GuestAccess.UserWrite ? PageFlags.Write : PageFlags.Read | PageFlags.Write | PageFlags.Execute;
        var first = address.Value >> Layout.PageShift;
        var last = (address.Value + length - 1) >> Layout.PageShift;
        for (var page = first; page <= last; page++)
        {
            var flags = Pages[(int)page];
            if ((flags & PageFlags.Mapped) == 0 || (flags & need) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private void CheckPageRange(GuestAddress start, ulong length)
    {
        if (!start.IsPageAligned || length % Layout.PageSize != 0 || start.Value > Size || length > Size - start.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"{start}+{length:x} is not a page range inside guest memory");
        }
    }
}
