using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Memory;

public sealed class PageTablesTests
{
    [Fact]
    public void Map_UserReadWrite_WalksToIdentityWithUserWritableNoExecute()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x3000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true);

        var leaf = PageWalker.Walk(memory, tables.Root, 0x40_2ABC);
        Assert.NotNull(leaf);
        Assert.Equal(0x40_2ABCUL, leaf.Value.PhysicalAddress);
        Assert.True(leaf.Value.User);
        Assert.True(leaf.Value.Writable);
        Assert.True(leaf.Value.NoExecute);
        Assert.Null(PageWalker.Walk(memory, tables.Root, 0x40_3000));
    }

    [Fact]
    public void Map_ReadExecute_IsExecutableAndNotWritable()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Execute, user: true);

        var leaf = PageWalker.Walk(memory, tables.Root, 0x40_0000)!.Value;
        Assert.False(leaf.Writable);
        Assert.False(leaf.NoExecute);
    }

    [Fact]
    public void Map_Supervisor_IsNotUserAccessible()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x1000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: false);
        Assert.False(PageWalker.Walk(memory, tables.Root, 0x1000)!.Value.User);
    }

    [Fact]
    public void Map_ReservationWithoutAccess_IsNotPresent()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped, user: true);
        Assert.Null(PageWalker.Walk(memory, tables.Root, 0x40_0000));
    }

    [Fact]
    public void Map_RemovingPresentPage_ReportsFlushNeededAndUnmaps()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        Assert.False(tables.Map(new GuestAddress(0x40_0000), 0x2000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true));
        Assert.True(tables.Map(new GuestAddress(0x40_1000), 0x1000, PageFlags.None, user: true));
        Assert.NotNull(PageWalker.Walk(memory, tables.Root, 0x40_0000));
        Assert.Null(PageWalker.Walk(memory, tables.Root, 0x40_1000));
    }

    [Fact]
    public void Map_DroppingWriteOrAddingNoExecute_ReportsFlushNeeded()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write | PageFlags.Execute, user: true);
        Assert.True(tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true));
        Assert.True(tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read, user: true));
        Assert.False(tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write, user: true));
    }

    [Fact]
    public void Map_DoorbellAboveMemory_IsReachable()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(Layout.DoorbellPage), Layout.PageSize, PageFlags.Mapped | PageFlags.Write, user: true);
        var leaf = PageWalker.Walk(memory, tables.Root, Layout.DoorbellPage + 8)!.Value;
        Assert.Equal(Layout.DoorbellPage + 8, leaf.PhysicalAddress);
        Assert.True(leaf.Writable);
    }

    [Fact]
    public void Map_TablesLiveInThePool()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        tables.Map(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read, user: true);
        Assert.Equal(Layout.PageTablePool, tables.Root.Value);
        Assert.Equal(4, tables.TableCount);  // PML4, PDPT, PD, PT
    }

    [Fact]
    public void Map_UnalignedStart_Throws()
    {
        using var memory = new GuestMemory(32 << 20);
        var tables = new PageTables(memory);
        Assert.Throws<ArgumentOutOfRangeException>(() => tables.Map(new GuestAddress(0x40_0001), 0x1000, PageFlags.Mapped, user: true));
    }
}
