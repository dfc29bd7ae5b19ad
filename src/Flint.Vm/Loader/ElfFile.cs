using System.Buffers.Binary;

namespace Flint.Vm.Loader;

/// <summary>
/// A parsed static x86-64 ELF: ET_EXEC (non-PIE) or ET_DYN without PT_INTERP (static-PIE). Every header field
/// that is used is validated against the file's size; dynamic executables are refused.
/// </summary>
internal sealed class ElfFile
{
    public const int HeaderSize = 64;
    public const int ProgramHeaderSize = 56;
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
        if (phentsize != ProgramHeaderSize || phnum == 0 || phoff > (ulong)image.Length
            || (ulong)phnum * ProgramHeaderSize > (ulong)image.Length - phoff)
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
        if (segment.FileSize > segment.MemorySize || segment.FileOffset > (ulong)fileLength
            || segment.FileSize > (ulong)fileLength - segment.FileOffset
            || segment.VirtualAddress + segment.MemorySize < segment.VirtualAddress)
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} lies outside the file or wraps");
        }

        if ((segment.VirtualAddress % Layout.PageSize) != (segment.FileOffset % Layout.PageSize))
        {
            throw new ElfFormatException($"PT_LOAD at 0x{segment.VirtualAddress:x} is not congruent to its file offset");
        }
    }
}
