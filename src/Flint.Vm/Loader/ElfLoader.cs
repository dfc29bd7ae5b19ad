using Flint.Vm.Memory;

namespace Flint.Vm.Loader;

/// <summary>
/// Copies PT_LOAD segments into guest memory (static-PIE at <see cref="Layout.PieLoadBase"/>) and records their
/// permissions. Every segment is checked against guest user space before any byte is copied; since the parser
/// refuses overlapping segments, each guest byte is written at most once, so loading costs at most the file
/// plus the guest's memory, and cancellation is observed between segments.
/// </summary>
internal static class ElfLoader
{
    public static LoadedImage Load(ReadOnlySpan<byte> image, GuestMemory memory, ulong userSpaceEnd, CancellationToken cancellationToken = default)
    {
        var elf = ElfFile.Parse(image);
        var bias = elf.IsPositionIndependent ? Layout.PieLoadBase - AlignDown(elf.Segments[0].VirtualAddress) : 0;
        foreach (var segment in elf.Segments)
        {
            var start = segment.VirtualAddress + bias;
            if (start < Layout.UserSpaceStart || start + segment.MemorySize < start || start + segment.MemorySize > userSpaceEnd)
            {
                throw new ElfFormatException($"PT_LOAD at 0x{start:x} (+0x{segment.MemorySize:x}) is outside guest user space");
            }
        }

        ulong end = 0;
        var phdr = GuestAddress.Null;
        foreach (var segment in elf.Segments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = segment.VirtualAddress + bias;
            var pageStart = new GuestAddress(AlignDown(start));
            var pageEnd = AlignUp(start + segment.MemorySize);
            memory.SetPageFlags(pageStart, pageEnd - pageStart.Value, Flags(segment) | memory.GetPageFlags(pageStart));
            if (!memory.TryWrite(new GuestAddress(start), GuestAccess.Monitor, image.Slice((int)segment.FileOffset, (int)segment.FileSize)))
            {
                throw new ElfFormatException($"PT_LOAD at 0x{start:x} does not fit guest memory");
            }

            if (elf.ProgramHeaderOffset >= segment.FileOffset && elf.ProgramHeaderOffset < segment.FileOffset + segment.FileSize)
            {
                phdr = new GuestAddress(start + (elf.ProgramHeaderOffset - segment.FileOffset));
            }

            end = Math.Max(end, pageEnd);
        }

        return new LoadedImage(new GuestAddress(elf.Entry + bias), phdr, elf.ProgramHeaderCount, bias, new GuestAddress(end));
    }

    private static PageFlags Flags(ElfSegment segment)
    {
        var flags = PageFlags.Mapped;
        flags |= (segment.Flags & ElfSegment.Read) != 0 ? PageFlags.Read : 0;
        flags |= (segment.Flags & ElfSegment.Write) != 0 ? PageFlags.Write : 0;
        flags |= (segment.Flags & ElfSegment.Execute) != 0 ? PageFlags.Execute : 0;
        return flags;
    }

    private static ulong AlignDown(ulong value) => value & ~(Layout.PageSize - 1);

    private static ulong AlignUp(ulong value) => (value + Layout.PageSize - 1) & ~(Layout.PageSize - 1);
}
