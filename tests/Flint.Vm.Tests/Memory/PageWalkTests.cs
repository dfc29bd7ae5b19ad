using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Memory;

/// <summary>The monitor's own walk (used where a platform reports no fault error code), checked against the tests' independent walker.</summary>
public sealed class PageWalkTests : IDisposable
{
    private readonly GuestMemory _memory = new(32 << 20);
    private readonly PageTables _tables;

    public PageWalkTests()
    {
        _tables = new PageTables(_memory);
        _tables.Map(new GuestAddress(0x40_0000), 0x3000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true);
        _tables.Map(new GuestAddress(0x10_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Execute, user: false);
    }

    [Theory]
    [InlineData(0x40_0000UL)]
    [InlineData(0x40_2ABCUL)]
    [InlineData(0x10_0000UL)]
    public void Leaf_MappedAddress_IsTheEntryTheMmuFinds(ulong address)
    {
        var entry = PageWalk.Leaf(_memory, _tables.Root, address);
        var expected = PageWalker.Walk(_memory, _tables.Root, address)!.Value;

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
        Assert.Equal(0UL, PageWalk.Leaf(_memory, _tables.Root, address));
    }

    [Fact]
    public void Leaf_RootOutsideGuestMemory_IsZero()
    {
        Assert.Equal(0UL, PageWalk.Leaf(_memory, new GuestAddress(64 << 20), 0x40_0000));
    }

    public void Dispose() => _memory.Dispose();
}
