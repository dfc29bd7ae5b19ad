using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Memory;

public sealed class AddressSpaceTests
{
    [Fact]
    public void FindFree_EmptyArea_IsJustBelowTheStack()
    {
        using var guest = new TestGuest();
        var free = guest.Space.FindFree(0x10000);
        Assert.Equal(guest.Space.StackBottom.Value - 0x10000, free?.Value);
    }

    [Fact]
    public void FindFree_SkipsMappedRanges()
    {
        using var guest = new TestGuest();
        var first = guest.Space.FindFree(0x10000)!.Value;
        guest.Space.Map(first, 0x10000, PageFlags.Mapped);
        var second = guest.Space.FindFree(0x10000)!.Value;
        Assert.Equal(first.Value - 0x10000, second.Value);
    }

    [Fact]
    public void FindFree_ScatteredSinglePages_FindsTheHighestGapThatFits()
    {
        using var guest = new TestGuest();
        var top = guest.Space.StackBottom.Value;
        for (var i = 1UL; i <= 64; i++)
        {
            guest.Space.Map(new GuestAddress(top - (i * 0x3000)), 0x1000, PageFlags.Mapped);  // one page in three
        }

        var small = guest.Space.FindFree(0x2000);
        var large = guest.Space.FindFree(0x4000);

        Assert.Equal(top - 0x2000, small?.Value);
        Assert.Equal(top - (64 * 0x3000) - 0x4000, large?.Value);
    }

    [Fact]
    public void FindFree_LargerThanTheArea_ReturnsNull()
    {
        using var guest = new TestGuest();
        Assert.Null(guest.Space.FindFree(TestGuest.MemorySize));
    }

    [Fact]
    public void SetBreak_GrowThenShrink_MapsAndUnmapsPages()
    {
        using var guest = new TestGuest();
        var start = guest.Space.BreakStart;
        Assert.Equal(start.Value + 0x2100, guest.Space.SetBreak(start + 0x2100).Value);
        Assert.True(guest.Memory.TryGetSpan(start + 0x2000, 0x100, GuestAccess.UserWrite, out _));
        Assert.NotNull(PageWalker.Walk(guest.Memory, guest.Tables.Root, start.Value + 0x2000));

        Assert.Equal(start.Value + 0x1000, guest.Space.SetBreak(start + 0x1000).Value);
        Assert.False(guest.Memory.TryGetSpan(start + 0x1000, 1, GuestAccess.UserRead, out _));
        Assert.Null(PageWalker.Walk(guest.Memory, guest.Tables.Root, start.Value + 0x1000));
        Assert.True(guest.Space.NeedsFlush);
    }

    [Fact]
    public void SetBreak_BelowStartOrIntoStack_KeepsTheBreak()
    {
        using var guest = new TestGuest();
        var start = guest.Space.BreakStart;
        Assert.Equal(start, guest.Space.SetBreak(start - 0x1000));
        Assert.Equal(start, guest.Space.SetBreak(guest.Space.StackTop));
        Assert.Equal(start, guest.Space.SetBreak(new GuestAddress(ulong.MaxValue)));
    }

    [Fact]
    public void SetBreak_IntoAMapping_KeepsTheBreak()
    {
        using var guest = new TestGuest();
        var start = guest.Space.BreakStart;
        guest.Space.Map(start + 0x3000, 0x1000, PageFlags.Mapped | PageFlags.Read);
        Assert.Equal(start, guest.Space.SetBreak(start + 0x5000));
    }
}
