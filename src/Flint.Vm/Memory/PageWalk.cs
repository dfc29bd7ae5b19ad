namespace Flint.Vm.Memory;

/// <summary>Reads the guest's 4-level page tables the way the MMU does, for platforms that report faults without an error code.</summary>
internal static class PageWalk
{
    /// <summary>The leaf entry that maps <paramref name="address"/>, or 0 when a level is not present or the tables leave guest memory.</summary>
    public static ulong Leaf(GuestMemory memory, GuestAddress root, ulong address)
    {
        var table = root.Value;
        ulong entry = 0;
        for (var shift = 39; shift >= 12; shift -= 9)
        {
            var slot = new GuestAddress(table + (((address >> shift) & 511) * 8));
            if (!memory.TryRead(slot, GuestAccess.Monitor, out entry) || (entry & PageTables.Present) == 0)
            {
                return 0;
            }

            table = entry & PageTables.AddressMask;
        }

        return entry;
    }
}
