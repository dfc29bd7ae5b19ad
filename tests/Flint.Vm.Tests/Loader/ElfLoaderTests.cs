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

        var image = ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize);

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
        Assert.Throws<ElfFormatException>(() => ElfLoader.Load(bytes, memory, MemorySize - Layout.StackSize));
    }
}
