using System.Buffers.Binary;
using Flint.Vm.Loader;
using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Loader;

public sealed class ElfLoaderTests
{
    private const ulong MemorySize = 64 << 20;

    [Theory]
    [InlineData(GuestLinkage.StaticGlibc)]
    [InlineData(GuestLinkage.StaticPieGlibc)]
    [InlineData(GuestLinkage.StaticMusl)]
    public void Load_StaticExecutable_PlacesSegmentsEntryAndProgramHeaders(GuestLinkage linkage)
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello", linkage));
        using var memory = new GuestMemory(MemorySize);

        var image = ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, TestContext.Current.CancellationToken);

        var elf = ElfFile.Parse(bytes);
        var bias = elf.IsPositionIndependent ? Layout.PieLoadBase : 0;
        Assert.Equal(linkage == GuestLinkage.StaticPieGlibc, elf.IsPositionIndependent);
        Assert.Equal(bias, image.LoadBias);
        Assert.Equal(elf.Entry + bias, image.Entry.Value);
        Assert.Equal(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(56)), image.ProgramHeaderCount);
        Assert.True(memory.TryGetSpan(image.ProgramHeaders, (ulong)image.ProgramHeaderCount * 56, GuestAccess.UserRead, out var phdrs));
        Assert.Equal(bytes.AsSpan((int)elf.ProgramHeaderOffset, phdrs.Length).ToArray(), phdrs.ToArray());

        foreach (var segment in elf.Segments)
        {
            var start = new GuestAddress(segment.VirtualAddress + bias);
            Assert.True(memory.TryGetSpan(start, segment.FileSize, GuestAccess.Monitor, out var loaded));
            Assert.Equal(bytes.AsSpan((int)segment.FileOffset, (int)segment.FileSize).ToArray(), loaded.ToArray());
            Assert.True(memory.TryGetSpan(start + segment.FileSize, segment.MemorySize - segment.FileSize, GuestAccess.Monitor, out var bss));
            Assert.True(bss.IndexOfAnyExcept((byte)0) < 0, "bss must be zero");
            var flags = memory.GetPageFlags(start);
            Assert.True((flags & PageFlags.Mapped) != 0);
            if ((segment.Flags & ElfSegment.Execute) != 0)
            {
                Assert.True((flags & PageFlags.Execute) != 0);
            }
        }

        Assert.True((memory.GetPageFlags(image.Entry) & PageFlags.Execute) != 0, "entry point must be executable");
        Assert.True(image.End.IsPageAligned);
    }

    [Fact]
    public void Parse_DynamicExecutable_IsRefused()
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello", GuestLinkage.DynamicGlibc));
        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes));
        Assert.Contains("PT_INTERP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotElf_Throws()
    {
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse("#!/bin/sh\necho hi\n"u8));
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse([]));
    }

    [Fact]
    public void Parse_WrongMachine_Throws()
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello"));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 183);  // aarch64
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes));
    }

    [Fact]
    public void Parse_Truncated_Throws()
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello"));
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes.AsSpan(0, 100)));
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes.AsSpan(0, bytes.Length / 2)));
    }

    [Fact]
    public void Parse_ProgramHeaderOffsetPastTheFile_Throws()
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello"));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), ulong.MaxValue - 10);
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes));
    }

    [Fact]
    public void Load_SegmentBeyondUserSpace_Throws()
    {
        var bytes = File.ReadAllBytes(GuestPrograms.Build("hello"));
        var elf = ElfFile.Parse(bytes);
        var phoff = (int)elf.ProgramHeaderOffset;
        for (var i = 0; i < elf.ProgramHeaderCount; i++)
        {
            var ph = bytes.AsSpan(phoff + (i * 56));
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) == 1)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], 1UL << 40);  // p_memsz
                break;
            }
        }

        using var memory = new GuestMemory(MemorySize);
        Assert.Throws<ElfFormatException>(() => ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Load_CraftedSingleSegment_CopiesItsBytes()
    {
        var bytes = CraftedElf.Build(0x2000, (CraftedElf.Base, 0, 0x2000, 0x3000));
        bytes[0x1234] = 0xAB;
        using var memory = new GuestMemory(MemorySize);
        var image = ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, TestContext.Current.CancellationToken);
        Assert.Equal(CraftedElf.Base, image.Entry.Value);
        Assert.Equal(CraftedElf.Base + 0x3000, image.End.Value);
        Assert.Equal((byte)0xAB, memory.TryGetSpan(new GuestAddress(CraftedElf.Base + 0x1234), 1, GuestAccess.Monitor, out var b) ? b[0] : 0);
    }

    [Fact]
    public void Parse_65535WholeFileLoads_RefusedForTheHeaderTableSize()
    {
        var bytes = CraftedElf.WholeFileLoads(ushort.MaxValue);
        using var memory = new GuestMemory(MemorySize);
        var error = Assert.Throws<ElfFormatException>(() => ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, TestContext.Current.CancellationToken));
        Assert.Contains("64 KiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(PageFlags.None, memory.GetPageFlags(new GuestAddress(CraftedElf.Base)));
    }

    [Fact]
    public void Parse_MostHeadersLinuxAllows_AreAccepted()
    {
        const int Count = ElfFile.MaxProgramHeaderBytes / ElfFile.ProgramHeaderSize;
        var loads = Enumerable.Range(0, Count).Select(i => (CraftedElf.Base + ((ulong)i * 0x1000), 0x1_0000UL, 0UL, 0x1000UL)).ToArray();
        Assert.Equal(Count, ElfFile.Parse(CraftedElf.Build(0x1_1000, loads)).Segments.Count);
        var tooMany = CraftedElf.Build(0x1_1000, [.. loads, (CraftedElf.Base + ((ulong)Count * 0x1000), 0x1_0000UL, 0UL, 0x1000UL)]);
        Assert.Contains("64 KiB", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(tooMany)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameAddressLoadedTwice_RefusedAsOverlap()
    {
        var bytes = CraftedElf.WholeFileLoads(2);
        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes));
        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SegmentsPartlyOverlapping_Refused()
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base, 0, 0x1000, 0x2000), (CraftedElf.Base + 0x1000, 0x1000, 0x1000, 0x1000));
        Assert.Contains("overlaps", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SegmentsSharingAPageWithoutOverlap_Accepted()
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base, 0, 0x800, 0x800), (CraftedElf.Base + 0x800, 0x800, 0x800, 0x1800));
        Assert.Equal(2, ElfFile.Parse(bytes).Segments.Count);
    }

    [Fact]
    public void Parse_SegmentsOutOfOrder_Refused()
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base + 0x1000, 0x1000, 0x1000, 0x1000), (CraftedElf.Base, 0, 0x1000, 0x1000));
        Assert.Contains("ascending", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x2000UL, 0x1001UL)]
    [InlineData(0x3000UL, 0x10UL)]
    [InlineData(ulong.MaxValue - 0xFFF, 0x2000UL)]
    public void Parse_FileRangeOutsideTheFile_Refused(ulong offset, ulong fileSize)
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base + (offset % 0x1000), offset, fileSize, fileSize));
        Assert.Contains("outside the file", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FileSizeLargerThanMemorySize_Refused()
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base, 0, 0x2000, 0x1000));
        Assert.Contains("larger than its memory size", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MemorySizeWrappingTheAddressSpace_Refused()
    {
        var bytes = CraftedElf.Build(0x3000, (CraftedElf.Base, 0, 0x1000, ulong.MaxValue - 0x1000));
        Assert.Contains("wraps", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongProgramHeaderEntrySize_Refused()
    {
        var bytes = CraftedElf.Build(0x2000, (CraftedElf.Base, 0, 0x1000, 0x1000));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(54), 64);
        Assert.Contains("entry size 64", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoProgramHeaders_Refused()
    {
        var bytes = CraftedElf.Build(0x2000);
        Assert.Contains("0 program headers", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DisjointSegmentsPastUserSpace_RefusedBeforeCopyingAnything()
    {
        // As many whole-file copies as the header table allows, each at its own address: together far past guest memory.
        const int Count = ElfFile.MaxProgramHeaderBytes / ElfFile.ProgramHeaderSize;
        const ulong Size = 0x10_0000;
        var loads = Enumerable.Range(0, Count).Select(i => (CraftedElf.Base + ((ulong)i * Size), 0UL, Size, Size)).ToArray();
        var bytes = CraftedElf.Build((int)Size, loads);
        using var memory = new GuestMemory(MemorySize);
        var error = Assert.Throws<ElfFormatException>(() => ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, TestContext.Current.CancellationToken));
        Assert.Contains("outside guest user space", error.Message, StringComparison.Ordinal);
        Assert.Equal(PageFlags.None, memory.GetPageFlags(new GuestAddress(CraftedElf.Base)));
        Assert.True(memory.TryGetSpan(new GuestAddress(CraftedElf.Base), Layout.PageSize, GuestAccess.Monitor, out var first));
        Assert.True(first.IndexOfAnyExcept((byte)0) < 0, "nothing may be copied before every segment is checked");
    }

    [Fact]
    public void Load_Cancelled_ThrowsOperationCanceled()
    {
        var bytes = CraftedElf.Build(0x2000, (CraftedElf.Base, 0, 0x1000, 0x1000));
        using var memory = new GuestMemory(MemorySize);
        Assert.Throws<OperationCanceledException>(() => ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize, new CancellationToken(true)));
    }
}
