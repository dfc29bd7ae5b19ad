using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Memory;

/// <summary>The monitor's own walk (used where a platform reports no fault error code), checked against the tests' independent walker.</summary>
public sealed class PageWalkTests
{
    [Theory]
    [InlineData(0x40_0000UL)]
    [InlineData(0x40_2ABCUL)]
    [InlineData(0x10_0000UL)]
    public void Leaf_MappedAddress_IsTheEntryTheMmuFinds(ulong address)
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x3000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true);
        tables.Map(new GuestAddress(0x10_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Execute, user: false);

        var entry = PageWalk.Leaf(memory, tables.Root, address);
        var expected = PageWalker.Walk(memory, tables.Root, address)!.Value;

        Assert.Equal(expected.PhysicalAddress & ~0xFFFUL, entry & PageTables.AddressMask);
        Assert.Equal(expected.User, (entry & PageTables.User) != 0);
        Assert.Equal(expected.Writable, (entry & PageTables.Writable) != 0);
        Assert.Equal(expected.NoExecute, (entry & PageTables.NoExecute) != 0);
        Assert.NotEqual(0UL, entry & PageTables.Present);
    }

    [Theory]
    [InlineData(0x40_3000UL)]
    [InlineData(0x8000_0000UL)]
    [InlineData(0x10_1000UL)]
    public void Leaf_UnmappedAddress_IsZero(ulong address)
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x3000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true);
        tables.Map(new GuestAddress(0x10_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Execute, user: false);

        Assert.Equal(0UL, PageWalk.Leaf(memory, tables.Root, address));
    }

    [Fact]
    public void Leaf_RootOutsideGuestMemory_IsZero()
    {
        using var memory = new GuestMemory(32 << 20);

        Assert.Equal(0UL, PageWalk.Leaf(memory, new GuestAddress(64 << 20), 0x40_0000));
    }
}
