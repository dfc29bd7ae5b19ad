using System.Buffers.Binary;

namespace Flint.Vm.Loader;

/// <summary>
/// A parsed static x86-64 ELF: ET_EXEC (non-PIE) or ET_DYN without PT_INTERP (static-PIE). Validated as Linux
/// does and a little stricter: at most 64 KiB of program headers, every PT_LOAD inside the file with a file size
/// no larger than its memory size, and PT_LOAD segments in ascending address order without overlapping. So the
/// loader copies each guest byte at most once, whatever the header count. Dynamic executables are refused.
/// </summary>
internal sealed class ElfFile
{
    public const int HeaderSize = 64;
    public const int ProgramHeaderSize = 56;

    /// <summary>The most program header bytes Linux accepts (fs/binfmt_elf.c); 1,170 headers.</summary>
    public const int MaxProgramHeaderBytes = 64 * 1024;
    private const ushort TypeExec = 2;
    private const ushort TypeDyn = 3;
    private const ushort MachineX8664 = 62;
    private const uint PtLoad = 1;
    private const uint PtInterp = 3;

    private ElfFile(bool isPositionIndependent, ulong entry, ulong programHeaderOffset, int programHeaderCount, IReadOnlyList<ElfSegment> segments)
    {
        IsPositionIndependent = isPositionIndependent;
        Entry = entry;
        ProgramHeaderOffset = programHeaderOffset;
        ProgramHeaderCount = programHeaderCount;
        Segments = segments;
    }

    public bool IsPositionIndependent { get; }

    /// <summary>e_entry, relative to the load bias for static-PIE.</summary>
    public ulong Entry { get; }

    public ulong ProgramHeaderOffset { get; }

    public int ProgramHeaderCount { get; }

    public IReadOnlyList<ElfSegment> Segments { get; }

    public static ElfFile Parse(ReadOnlySpan<byte> image)
    {
        if (image.Length < HeaderSize || !image[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new ElfFormatException("not an ELF file");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new ElfFormatException("not a 64-bit little-endian ELF file");
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(image[16..]);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(image[18..]);
        if (machine != MachineX8664)
        {
            throw new ElfFormatException($"ELF machine {machine} is not x86-64");
        }

        if (type is not (TypeExec or TypeDyn))
        {
            throw new ElfFormatException($"ELF type {type} is not an executable");
        }

        var entry = BinaryPrimitives.ReadUInt64LittleEndian(image[24..]);
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(image[32..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(image[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(image[56..]);
        if (phentsize != ProgramHeaderSize)
        {
            throw new ElfFormatException($"program header entry size {phentsize} is not {ProgramHeaderSize}");
        }

        if (phnum == 0 || phnum * ProgramHeaderSize > MaxProgramHeaderBytes)
        {
            throw new ElfFormatException($"{phnum} program headers: the table must hold 1 to {MaxProgramHeaderBytes / ProgramHeaderSize} (at most 64 KiB)");
        }

        if (phoff > (ulong)image.Length || (ulong)phnum * ProgramHeaderSize > (ulong)image.Length - phoff)
        {
            throw new ElfFormatException("program headers lie outside the file");
        }

        var segments = new List<ElfSegment>();
        for (var i = 0; i < phnum; i++)
        {
            var ph = image.Slice((int)phoff + (i * ProgramHeaderSize), ProgramHeaderSize);
            var ptype = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            if (ptype == PtInterp)
            {
                throw new ElfFormatException("dynamically linked executables are not supported (PT_INTERP); link with -static");
            }

            if (ptype != PtLoad)
            {
                continue;
            }

            var segment = new ElfSegment(
                VirtualAddress: BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]),
                FileOffset: BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]),
                FileSize: BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]),
                MemorySize: BinaryPrimitives.ReadUInt64LittleEndian(ph[40..]),
                Alignment: BinaryPrimitives.ReadUInt64LittleEndian(ph[48..]),
                Flags: BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]));
            Validate(segment, image.Length);
            if (segments.Count > 0 && segment.VirtualAddress < segments[^1].VirtualAddress + segments[^1].MemorySize)
            {
                var previous = segments[^1];
                throw new ElfFormatException(segment.VirtualAddress < previous.VirtualAddress
                    ? $"PT_LOAD at 0x{segment.VirtualAddress:x} follows PT_LOAD at 0x{previous.VirtualAddress:x}: segments must be in ascending address order"
                    : $"PT_LOAD at 0x{segment.VirtualAddress:x} overlaps PT_LOAD at 0x{previous.VirtualAddress:x} (+0x{previous.MemorySize:x})");
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            throw new ElfFormatException("no PT_LOAD segment");
        }

        return new ElfFile(type == TypeDyn, entry, phoff, phnum, segments);
    }

    private static void Validate(ElfSegment segment, int fileLength)
    {
        if (segment.FileSize > segment.MemorySize)
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} has a file size (0x{segment.FileSize:x}) larger than its memory size (0x{segment.MemorySize:x})");
        }

        if (segment.FileOffset > (ulong)fileLength || segment.FileSize > (ulong)fileLength - segment.FileOffset)
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} lies outside the file (offset 0x{segment.FileOffset:x} +0x{segment.FileSize:x}, file 0x{fileLength:x})");
        }

        if (segment.VirtualAddress + segment.MemorySize < segment.VirtualAddress)
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} wraps the address space");
        }

        if ((segment.VirtualAddress % Layout.PageSize) != (segment.FileOffset % Layout.PageSize))
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} is not congruent to its file offset");
        }
    }
}
