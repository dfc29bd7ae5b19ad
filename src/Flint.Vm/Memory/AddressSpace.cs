namespace Flint.Vm.Memory;

/// <summary>
/// The guest's user address space: which pages are mapped with which permission (kept in <see cref="GuestMemory"/>
/// and mirrored into <see cref="PageTables"/>), the brk heap and the top-down mmap area below the stack.
/// The Linux semantics (errno values, flag checks) live in the syscall handlers; this is the mechanism.
/// </summary>
internal sealed class AddressSpace
{
    private readonly PageTables _tables;

    public AddressSpace(GuestMemory memory, PageTables tables)
    {
        Memory = memory;
        _tables = tables;
        StackTop = new GuestAddress(memory.Size);
        StackBottom = new GuestAddress(memory.Size - Layout.StackSize);
    }

    public GuestMemory Memory { get; }

    public PageTables Tables => _tables;

    public GuestAddress StackTop { get; }

    public GuestAddress StackBottom { get; }

    /// <summary>First address past the user space: mmap never goes above it.</summary>
    public GuestAddress UserEnd => StackTop;

    public GuestAddress BreakStart { get; private set; }

    public GuestAddress Break { get; private set; }

    /// <summary>A present page lost a permission: the vCPU must drop cached translations before resuming.</summary>
    public bool NeedsFlush { get; set; }

    public void InitializeBreak(GuestAddress imageEnd)
    {
        BreakStart = Break = imageEnd;
    }

    /// <summary>The program break as a snapshot recorded it; its pages come back with guest memory.</summary>
    public void RestoreBreak(GuestAddress start, GuestAddress current)
    {
        if (current < start || current > StackBottom)
        {
            throw new ArgumentOutOfRangeException(nameof(current), $"break {current} is outside [{start}, {StackBottom}]");
        }

        BreakStart = start;
        Break = current;
    }

    /// <summary>Moves the break to <paramref name="requested"/> if the pages between are free; returns the (possibly unchanged) break.</summary>
    public GuestAddress SetBreak(GuestAddress requested)
    {
        if (requested < BreakStart || requested > StackBottom)
        {
            return Break;
        }

        var oldEnd = AlignUp(Break.Value);
        var newEnd = AlignUp(requested.Value);
        if (newEnd > oldEnd)
        {
            var grown = new GuestAddress(oldEnd);
            if (!IsFree(grown, newEnd - oldEnd) || !Memory.FitsLimit(grown, newEnd - oldEnd, PageFlags.Mapped | PageFlags.Read | PageFlags.Write))
            {
                return Break;
            }

            Map(new GuestAddress(oldEnd), newEnd - oldEnd, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
        }
        else if (newEnd < oldEnd)
        {
            Unmap(new GuestAddress(newEnd), oldEnd - newEnd);
        }

        Break = requested;
        return Break;
    }

    /// <summary>Highest free page-aligned range of <paramref name="length"/> bytes between the break and the stack, if any.</summary>
    public GuestAddress? FindFree(ulong length)
    {
        var floor = AlignUp(Math.Max(Break.Value, Layout.UserSpaceStart));
        if (length == 0 || floor >= StackBottom.Value || length > StackBottom.Value - floor || length % Layout.PageSize != 0)
        {
            return null;
        }

        return Memory.HighestUnmappedRange(new GuestAddress(floor), StackBottom, length);
    }

    /// <summary>Linux's access_ok: the range ends at or below the end of user space (whether it is mapped is not asked).</summary>
    public bool IsBelowUserEnd(GuestAddress start, ulong length) => length <= UserEnd.Value && start.Value <= UserEnd.Value - length;

    public bool IsInUserSpace(GuestAddress start, ulong length)
        => start.Value >= Layout.UserSpaceStart && length <= UserEnd.Value - start.Value && start <= UserEnd;

    public bool IsFree(GuestAddress start, ulong length) => HighestMappedPage(start, length) is null;

    public bool IsFullyMapped(GuestAddress start, ulong length)
    {
        for (var page = start.Value; page < start.Value + length; page += Layout.PageSize)
        {
            if ((Memory.GetPageFlags(new GuestAddress(page)) & PageFlags.Mapped) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Maps user pages (identity) with <paramref name="flags"/>; for fresh mappings the caller zeroes them first.</summary>
    public void Map(GuestAddress start, ulong length, PageFlags flags)
    {
        Memory.SetPageFlags(start, length, flags);
        NeedsFlush |= _tables.Map(start, length, flags, user: true);
    }

    /// <summary>Maps monitor pages (GDT, stubs, stacks): supervisor unless <paramref name="user"/>.</summary>
    public void MapMonitor(GuestAddress start, ulong length, PageFlags flags, bool user)
    {
        if (user)
        {
            Memory.SetPageFlags(start, length, flags);
        }

        _tables.Map(start, length, flags, user);
    }

    /// <summary>Maps the doorbell page, which lies outside guest memory: page tables only.</summary>
    public void MapDoorbell() => _tables.Map(new GuestAddress(Layout.DoorbellPage), Layout.PageSize, PageFlags.Mapped | PageFlags.Write, user: true);

    /// <summary>Unmaps user pages and gives their memory back, so a later mapping reads zeros.</summary>
    public void Unmap(GuestAddress start, ulong length)
    {
        Map(start, length, PageFlags.None);
        Memory.Discard(start, length);
    }

    public static ulong AlignUp(ulong value) => (value + Layout.PageSize - 1) & ~(Layout.PageSize - 1);

    private GuestAddress? HighestMappedPage(GuestAddress start, ulong length)
    {
        for (var page = start.Value + length; page > start.Value;)
        {
            page -= Layout.PageSize;
            if ((Memory.GetPageFlags(new GuestAddress(page)) & PageFlags.Mapped) != 0)
            {
                return new GuestAddress(page);
            }
        }

        return null;
    }
}
