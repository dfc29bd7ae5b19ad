namespace Flint.Vm.Memory;

/// <summary>
/// The guest's 4-level x86-64 page tables, identity-mapped with 4 KiB pages, built in the page-table pool of
/// guest memory (<see cref="Layout.PageTablePool"/>). Leaf entries carry the protection (W, U, NX); intermediate
/// entries are permissive so the leaf alone decides.
/// </summary>
internal sealed class PageTables
{
    public const ulong Present = 1;
    public const ulong Writable = 2;
    public const ulong User = 4;
    public const ulong NoExecute = 1UL << 63;
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    private const ulong TableEntries = 512;
    private const ulong RegionSize = TableEntries * Layout.PageSize;
    private readonly GuestMemory _memory;
    private readonly ulong _noExecute;
    private ulong _nextTable = Layout.PageTablePool;

    /// <param name="memory">Guest memory holding the tables.</param>
    /// <param name="noExecute">
    /// Mark non-executable pages with the NX bit. Only where the CPU has EFER.NXE: elsewhere bit 63 is reserved
    /// and every access to such a page would fault.
    /// </param>
    public PageTables(GuestMemory memory, bool noExecute = true)
    {
        _memory = memory;
        _noExecute = noExecute ? NoExecute : 0;
        Root = AllocateTable();
    }

    /// <summary>
    /// Tables restored with guest memory from a snapshot: the root is the pool's first page, as every boot allocates
    /// it, and <paramref name="nextTable"/> the snapshot's next free table page.
    /// </summary>
    public PageTables(GuestMemory memory, bool noExecute, ulong nextTable)
    {
        if (nextTable <= Layout.PageTablePool || nextTable > Layout.PageTablePool + Layout.PageTablePoolSize || nextTable % Layout.PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nextTable), nextTable, "the next page table lies outside the page-table pool");
        }

        _memory = memory;
        _noExecute = noExecute ? NoExecute : 0;
        _nextTable = nextTable;
        Root = new GuestAddress(Layout.PageTablePool);
    }

    /// <summary>The PML4's guest-physical address: CR3.</summary>
    public GuestAddress Root { get; }

    /// <summary>Number of 4 KiB tables taken from the pool so far.</summary>
    /// <summary>The next free page of the pool, which a snapshot keeps.</summary>
    public ulong NextTable => _nextTable;

    public int TableCount => (int)((_nextTable - Layout.PageTablePool) / Layout.PageSize);

    /// <summary>
    /// Maps (or, for flags without access, unmaps) whole pages, identity. Returns true when a present entry was
    /// removed or lost a permission: the caller must then make the vCPU drop stale translations.
    /// </summary>
    public bool Map(GuestAddress start, ulong length, PageFlags flags, bool user)
    {
        if (!start.IsPageAligned || length % Layout.PageSize != 0 || start.Value + length < start.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"{start}+{length:x} is not a page range");
        }

        var present = (flags & PageFlags.Mapped) != 0 && (flags & (PageFlags.Read | PageFlags.Write | PageFlags.Execute)) != 0;
        ulong entryBits = 0;
        if (present)
        {
            entryBits = Present | (user ? User : 0) | ((flags & PageFlags.Write) != 0 ? Writable : 0)
                | ((flags & PageFlags.Execute) != 0 ? 0 : _noExecute);
        }

        var downgraded = false;
        for (var va = start.Value; va < start.Value + length; va += Layout.PageSize)
        {
            var slot = LeafSlot(new GuestAddress(va), create: present);
            if (slot.IsNull)
            {
                // No table below this 2 MiB region: nothing in it to unmap.
                va = (va | (RegionSize - 1)) + 1 - Layout.PageSize;
                continue;
            }

            ReadEntry(slot, out var old);
            var entry = present ? (va & AddressMask) | entryBits : 0;
            if ((old & Present) != 0 && ((old & ~entry & (Present | Writable | User)) != 0 || (entry & ~old & NoExecute) != 0))
            {
                downgraded = true;
            }

            WriteEntry(slot, entry);
        }

        return downgraded;
    }

    private GuestAddress LeafSlot(GuestAddress va, bool create)
    {
        var table = Root;
        for (var shift = 39; shift > 12; shift -= 9)
        {
            var slot = table + (((va.Value >> shift) & (TableEntries - 1)) * 8);
            ReadEntry(slot, out var entry);
            if ((entry & Present) == 0)
            {
                if (!create)
                {
                    return GuestAddress.Null;
                }

                var next = AllocateTable();
                entry = next.Value | Present | Writable | User;
                WriteEntry(slot, entry);
            }

            table = new GuestAddress(entry & AddressMask);
        }

        return table + (((va.Value >> 12) & (TableEntries - 1)) * 8);
    }

    private GuestAddress AllocateTable()
    {
        if (_nextTable + Layout.PageSize > Layout.PageTablePool + Layout.PageTablePoolSize)
        {
            throw new InvalidOperationException("page-table pool exhausted");
        }

        var table = new GuestAddress(_nextTable);
        _nextTable += Layout.PageSize;
        if (!_memory.TryGetSpan(table, Layout.PageSize, GuestAccess.Monitor, out var span))
        {
            throw new InvalidOperationException("page-table pool outside guest memory");
        }

        span.Clear();
        return table;
    }

    private void ReadEntry(GuestAddress slot, out ulong entry)
    {
        if (!_memory.TryRead(slot, GuestAccess.Monitor, out entry))
        {
            throw new InvalidOperationException($"page-table entry {slot} outside guest memory");
        }
    }

    private void WriteEntry(GuestAddress slot, ulong entry)
    {
        if (!_memory.TryWrite(slot, GuestAccess.Monitor, entry))
        {
            throw new InvalidOperationException($"page-table entry {slot} outside guest memory");
        }
    }
}
