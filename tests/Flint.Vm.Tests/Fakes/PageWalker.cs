using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Fakes;

/// <summary>An independent 4-level page walk, as the MMU does it, for checking what the page-table builder wrote.</summary>
internal static class PageWalker
{
    public const ulong Present = 1;
    public const ulong Writable = 2;
    public const ulong User = 4;
    public const ulong NoExecute = 1UL << 63;

    /// <summary>Returns the leaf entry for <paramref name="va"/>, with U/W being the AND over all levels and NX the OR; null if not present.</summary>
    public static (ulong PhysicalAddress, bool User, bool Writable, bool NoExecute)? Walk(GuestMemory memory, GuestAddress root, ulong va)
    {
        var table = root.Value;
        bool user = true, writable = true, noExecute = false;
        ulong entry = 0;
        foreach (var shift in new[] { 39, 30, 21, 12 })
        {
            var index = (va >> shift) & 511;
            Assert.True(memory.TryRead(new GuestAddress(table + (index * 8)), GuestAccess.Monitor, out entry));
            if ((entry & Present) == 0)
            {
                return null;
            }

            Assert.Equal(0UL, entry & 0x80);  // no large pages
            user &= (entry & User) != 0;
            writable &= (entry & Writable) != 0;
            noExecute |= (entry & NoExecute) != 0;
            table = entry & 0x000F_FFFF_FFFF_F000;
        }

        return (table | (va & 0xFFF), user, writable, noExecute);
    }
}
