using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Memory;

public sealed class GuestMemoryTests
{
    private const ulong Size = 16 << 20;

    [Theory]
    [InlineData(0UL)]
    [InlineData((8UL << 20))]
    [InlineData((16UL << 20) + 1)]
    [InlineData(2UL << 30)]
    public void Constructor_BadSize_Throws(ulong size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestMemory(size));
    }

    [Fact]
    public void TryGetSpan_InBounds_GivesTheSameBytesBack()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryWrite(new GuestAddress(0x1234), GuestAccess.Monitor, 0xDEADBEEFCAFEUL));
        Assert.True(memory.TryRead(new GuestAddress(0x1234), GuestAccess.Monitor, out ulong value));
        Assert.Equal(0xDEADBEEFCAFEUL, value);
    }

    [Theory]
    [InlineData(16UL << 20, 1UL)]
    [InlineData((16UL << 20) - 4, 8UL)]
    [InlineData(ulong.MaxValue, 2UL)]
    [InlineData(ulong.MaxValue - 3, 8UL)]
    [InlineData(8UL, ulong.MaxValue)]
    [InlineData(0UL, (ulong)int.MaxValue + 1)]
    public void TryGetSpan_OutOfBoundsOrOverflowing_ReturnsFalse(ulong address, ulong length)
    {
        using var memory = new GuestMemory(Size);
        Assert.False(memory.TryGetSpan(new GuestAddress(address), length, GuestAccess.Monitor, out var span));
        Assert.True(span.IsEmpty);
    }

    [Fact]
    public void TryGetSpan_ExactlyToTheEnd_Succeeds()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryGetSpan(new GuestAddress(Size - 8), 8, GuestAccess.Monitor, out var span));
        Assert.Equal(8, span.Length);
    }

    [Fact]
    public void TryGetSpan_UserReadOfUnmappedPage_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        Assert.False(memory.TryGetSpan(new GuestAddress(0x40_0000), 16, GuestAccess.UserRead, out _));
    }

    [Fact]
    public void TryGetSpan_UserWriteOfReadOnlyPage_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        memory.SetPageFlags(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read);
        Assert.True(memory.TryGetSpan(new GuestAddress(0x40_0000), 16, GuestAccess.UserRead, out _));
        Assert.False(memory.TryGetSpan(new GuestAddress(0x40_0000), 16, GuestAccess.UserWrite, out _));
    }

    [Fact]
    public void TryGetSpan_UserAccessOfReservation_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        memory.SetPageFlags(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped);
        Assert.False(memory.TryGetSpan(new GuestAddress(0x40_0000), 1, GuestAccess.UserRead, out _));
    }

    [Fact]
    public void TryGetSpan_RangeCrossingIntoUnmappedPage_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        memory.SetPageFlags(new GuestAddress(0x40_0000), 0x1000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
        Assert.True(memory.TryGetSpan(new GuestAddress(0x40_0FF0), 16, GuestAccess.UserWrite, out _));
        Assert.False(memory.TryGetSpan(new GuestAddress(0x40_0FF0), 17, GuestAccess.UserWrite, out _));
    }

    [Fact]
    public void TryReadCString_Terminated_ReturnsText()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryWrite(new GuestAddress(0x2000), GuestAccess.Monitor, "/proc/self/exe\0"u8));
        Assert.True(memory.TryReadCString(new GuestAddress(0x2000), 4096, GuestAccess.Monitor, out var text));
        Assert.Equal("/proc/self/exe", text);
    }

    [Fact]
    public void TryReadCString_LongerThanMax_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryWrite(new GuestAddress(0x2000), GuestAccess.Monitor, "abcdef\0"u8));
        Assert.False(memory.TryReadCString(new GuestAddress(0x2000), 3, GuestAccess.Monitor, out _));
    }

    [Fact]
    public void TryReadCString_RunsOffTheEndOfMemory_ReturnsFalse()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryWrite(new GuestAddress(Size - 2), GuestAccess.Monitor, "ab"u8));
        Assert.False(memory.TryReadCString(new GuestAddress(Size - 2), 4096, GuestAccess.Monitor, out _));
        Assert.False(memory.TryReadCString(new GuestAddress(ulong.MaxValue), 4096, GuestAccess.Monitor, out _));
    }

    [Fact]
    public void Discard_WrittenPages_ReadAsZero()
    {
        using var memory = new GuestMemory(Size);
        Assert.True(memory.TryWrite(new GuestAddress(0x40_0010), GuestAccess.Monitor, 42UL));
        memory.Discard(new GuestAddress(0x40_0000), 0x1000);
        Assert.True(memory.TryRead(new GuestAddress(0x40_0010), GuestAccess.Monitor, out ulong value));
        Assert.Equal(0UL, value);
    }

    [Fact]
    public void SetPageFlags_UnalignedRange_Throws()
    {
        using var memory = new GuestMemory(Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.SetPageFlags(new GuestAddress(0x40_0001), 0x1000, PageFlags.Mapped));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.SetPageFlags(new GuestAddress(Size), 0x1000, PageFlags.Mapped));
    }

    [Fact]
    public void TryGetSpan_AfterDispose_Throws()
    {
        var memory = new GuestMemory(Size);
        memory.Dispose();
        Assert.Throws<ObjectDisposedException>(() => memory.TryGetSpan(new GuestAddress(0), 1, GuestAccess.Monitor, out _));
    }

    [Fact]
    public void SetPageFlags_CountsOnlyAccessiblePages()
    {
        using var memory = new GuestMemory(32 << 20, 16 << 20);
        memory.SetPageFlags(new GuestAddress(0x40_0000), 0x10000, PageFlags.Mapped);
        memory.SetPageFlags(new GuestAddress(0x50_0000), 0x4000, PageFlags.Mapped | PageFlags.Read);
        memory.SetPageFlags(new GuestAddress(0x50_2000), 0x4000, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);

        Assert.Equal(6UL, memory.AccessiblePages);
        memory.SetPageFlags(new GuestAddress(0x50_0000), 0x6000, PageFlags.None);
        Assert.Equal(0UL, memory.AccessiblePages);
    }

    [Fact]
    public void FitsLimit_ReservationsAreFreeAndAccessPagesCount()
    {
        using var memory = new GuestMemory(32 << 20, 16 << 20);
        memory.SetPageFlags(new GuestAddress(0x40_0000), 15 << 20, PageFlags.Mapped | PageFlags.Read);

        Assert.True(memory.FitsLimit(new GuestAddress(0x140_0000), 8 << 20, PageFlags.Mapped));
        Assert.True(memory.FitsLimit(new GuestAddress(0x140_0000), 1 << 20, PageFlags.Mapped | PageFlags.Write));
        Assert.False(memory.FitsLimit(new GuestAddress(0x140_0000), (1 << 20) + 0x1000, PageFlags.Mapped | PageFlags.Write));
        Assert.True(memory.FitsLimit(new GuestAddress(0x40_0000), 16 << 20, PageFlags.Mapped | PageFlags.Read), "pages already accessible are not counted twice");
    }

    [Theory]
    [InlineData(8UL << 20)]
    [InlineData(64UL << 20)]
    [InlineData((16UL << 20) + 1)]
    public void Constructor_BadLimit_Throws(ulong limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestMemory(32 << 20, limit));
}
