using Flint.Interop.Libc;
using Flint.Vm.Memory;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class MemorySyscallsTests
{
    private const ulong Mmap = 9;
    private const ulong Mprotect = 10;
    private const ulong Munmap = 11;
    private const ulong Brk = 12;
    private const ulong Madvise = 28;
    private const ulong ReadWrite = 3;
    private const ulong PrivateAnonymous = 0x22;
    private const ulong Fixed = 0x10;
    private const ulong FixedNoReplace = 0x10_0000;

    [Fact]
    public void Brk_QueryGrowShrink_FollowsLinux()
    {
        using var guest = new TestGuest();
        var start = (ulong)guest.Call(Brk, 0);
        Assert.Equal(guest.Space.BreakStart.Value, start);
        Assert.Equal((long)start + 0x5000, guest.Call(Brk, start + 0x5000));
        Assert.True(guest.Memory.TryWrite(new GuestAddress(start + 0x4FF8), GuestAccess.UserWrite, 1UL));
        Assert.Equal((long)start + 0x1000, guest.Call(Brk, start + 0x1000));
        Assert.False(guest.Memory.TryRead(new GuestAddress(start + 0x4FF8), GuestAccess.UserRead, out ulong _));
        Assert.Equal((long)start + 0x1000, guest.Call(Brk, ulong.MaxValue));
    }

    [Fact]
    public void Mmap_Anonymous_ReturnsZeroedWritablePagesMappedInTables()
    {
        using var guest = new TestGuest();
        var address = guest.Call(Mmap, 0, 10000, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0);
        Assert.True(address > 0);
        var start = new GuestAddress((ulong)address);
        Assert.True(start.IsPageAligned);
        Assert.True(guest.Memory.TryGetSpan(start, 3 * 4096, GuestAccess.UserWrite, out var span));
        Assert.True(span.IndexOfAnyExcept((byte)0) < 0);
        var leaf = PageWalker.Walk(guest.Memory, guest.Tables.Root, start.Value + 0x2000)!.Value;
        Assert.True(leaf.User && leaf.Writable && leaf.NoExecute);
    }

    [Fact]
    public void Mmap_AfterMunmap_ReusedMemoryIsZero()
    {
        using var guest = new TestGuest();
        var first = (ulong)guest.Call(Mmap, 0, 4096, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0);
        Assert.True(guest.Memory.TryWrite(new GuestAddress(first), GuestAccess.UserWrite, 0x1234UL));
        Assert.Equal(0, guest.Call(Munmap, first, 4096));
        Assert.True(guest.Space.NeedsFlush);
        var second = (ulong)guest.Call(Mmap, first, 4096, ReadWrite, PrivateAnonymous | Fixed, ulong.MaxValue, 0);
        Assert.Equal(first, second);
        Assert.Equal(0UL, guest.Read<ulong>(new GuestAddress(second)));
    }

    [Fact]
    public void Mmap_ProtNoneReservation_IsNotAccessibleUntilMprotect()
    {
        using var guest = new TestGuest();
        var start = (ulong)guest.Call(Mmap, 0, 1 << 20, 0, PrivateAnonymous, ulong.MaxValue, 0);
        Assert.False(guest.Memory.TryGetSpan(new GuestAddress(start), 1, GuestAccess.UserRead, out _));
        Assert.Null(PageWalker.Walk(guest.Memory, guest.Tables.Root, start));
        Assert.Equal(0, guest.Call(Mprotect, start, 8192, ReadWrite));
        Assert.True(guest.Memory.TryGetSpan(new GuestAddress(start), 8192, GuestAccess.UserWrite, out _));
        Assert.NotNull(PageWalker.Walk(guest.Memory, guest.Tables.Root, start + 4096));
    }

    [Fact]
    public void Mmap_FixedNoReplaceOverMapping_ReturnsEexist()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EEXIST, guest.Call(Mmap, guest.Buffer.Value, 4096, ReadWrite, PrivateAnonymous | FixedNoReplace, ulong.MaxValue, 0));
    }

    [Theory]
    [InlineData(0UL, 0UL, 3UL, 0x22UL, 0UL)]                 // zero length
    [InlineData(0UL, 4096UL, 8UL, 0x22UL, 0UL)]              // unknown prot bit
    [InlineData(0UL, 4096UL, 3UL, 0x20UL, 0UL)]              // neither shared nor private
    [InlineData(0UL, 4096UL, 3UL, 0x22UL, 100UL)]            // unaligned offset
    [InlineData(0x40_0001UL, 4096UL, 3UL, 0x32UL, 0UL)]      // MAP_FIXED unaligned
    [InlineData(0UL, 4096UL, 3UL, 0x8000_0022UL, 0UL)]       // unknown flag
    public void Mmap_InvalidArguments_ReturnsEinval(ulong address, ulong length, ulong prot, ulong flags, ulong offset)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(Mmap, address, length, prot, flags, ulong.MaxValue, offset));
    }

    [Theory]
    [InlineData(0UL, ulong.MaxValue, 0x22UL)]
    [InlineData(0UL, ulong.MaxValue - 100, 0x22UL)]
    [InlineData(0UL, 1UL << 40, 0x22UL)]
    [InlineData(0x1000UL, 4096UL, 0x32UL)]                     // MAP_FIXED over the monitor's pages
    [InlineData(0xFFFF_FFFF_FFFF_F000UL, 8192UL, 0x32UL)]      // MAP_FIXED wrapping around
    public void Mmap_ImpossibleRange_ReturnsEnomem(ulong address, ulong length, ulong flags)
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOMEM, guest.Call(Mmap, address, length, ReadWrite, flags, ulong.MaxValue, 0));
    }

    [Fact]
    public void Mmap_FileBacked_ReturnsEbadf()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EBADF, guest.Call(Mmap, 0, 4096, 1, 0x02, 3, 0));
    }

    [Fact]
    public void Munmap_InvalidRanges_ReturnEinval()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.EINVAL, guest.Call(Munmap, guest.Buffer.Value + 1, 4096));
        Assert.Equal(-Errno.EINVAL, guest.Call(Munmap, guest.Buffer.Value, 0));
        Assert.Equal(-Errno.EINVAL, guest.Call(Munmap, 0x1000, 4096));
        Assert.Equal(-Errno.EINVAL, guest.Call(Munmap, guest.Buffer.Value, ulong.MaxValue));
        Assert.NotNull(PageWalker.Walk(guest.Memory, guest.Tables.Root, Layout.UserStubPage));
    }

    [Fact]
    public void MemoryLimit_ReservationsFreeAccessiblePagesBounded_EnomemPastIt()
    {
        using var guest = new TestGuest(memoryLimit: 16 << 20);
        var left = (16UL << 20) - (guest.Memory.AccessiblePages * Layout.PageSize);

        var reservation = (ulong)guest.Call(Mmap, 0, left + (4 << 20), 0, PrivateAnonymous, ulong.MaxValue, 0);
        var tooMuch = guest.Call(Mprotect, reservation, left + 0x1000, ReadWrite);
        var fits = guest.Call(Mprotect, reservation, left, ReadWrite);
        var more = guest.Call(Mmap, 0, 0x1000, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0);
        var breakBefore = (ulong)guest.Call(Brk, 0);
        var grown = (ulong)guest.Call(Brk, breakBefore + 0x1000);
        var afterRelease = guest.Call(Munmap, reservation, 0x1000) == 0 ? guest.Call(Mmap, 0, 0x1000, ReadWrite, PrivateAnonymous, ulong.MaxValue, 0) : 0;

        Assert.True(reservation > 0, "a reservation without access costs nothing");
        Assert.Equal(-Errno.ENOMEM, tooMuch);
        Assert.Equal(0, fits);
        Assert.Equal(-Errno.ENOMEM, more);
        Assert.Equal(breakBefore, grown);
        Assert.True(afterRelease > 0, "unmapped pages count no more");
    }

    [Fact]
    public void Mprotect_ReadOnly_DowngradesAndRequestsFlush()
    {
        using var guest = new TestGuest();
        Assert.Equal(0, guest.Call(Mprotect, guest.Buffer.Value, 4096, 1));
        Assert.False(guest.Memory.TryGetSpan(guest.Buffer, 8, GuestAccess.UserWrite, out _));
        Assert.False(PageWalker.Walk(guest.Memory, guest.Tables.Root, guest.Buffer.Value)!.Value.Writable);
        Assert.True(guest.Space.NeedsFlush);
    }

    [Fact]
    public void Mprotect_UnmappedOrUnaligned_Fails()
    {
        using var guest = new TestGuest();
        Assert.Equal(-Errno.ENOMEM, guest.Call(Mprotect, 0x80_0000, 4096, 3));
        Assert.Equal(-Errno.EINVAL, guest.Call(Mprotect, guest.Buffer.Value + 8, 4096, 3));
        Assert.Equal(-Errno.EINVAL, guest.Call(Mprotect, guest.Buffer.Value, 4096, 0x100));
        Assert.Equal(-Errno.ENOMEM, guest.Call(Mprotect, guest.Buffer.Value, ulong.MaxValue, 3));
    }

    [Fact]
    public void Madvise_DontNeed_ZeroesThePages()
    {
        using var guest = new TestGuest();
        Assert.True(guest.Memory.TryWrite(guest.Buffer, GuestAccess.UserWrite, 77UL));
        Assert.Equal(0, guest.Call(Madvise, guest.Buffer.Value, 4096, 4));
        Assert.Equal(0UL, guest.Read<ulong>(guest.Buffer));
        Assert.Equal(-Errno.EINVAL, guest.Call(Madvise, guest.Buffer.Value + 1, 4096, 4));
        Assert.Equal(-Errno.ENOMEM, guest.Call(Madvise, 0x80_0000, 4096, 4));
    }
}
