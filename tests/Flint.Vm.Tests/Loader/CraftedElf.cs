using System.Buffers.Binary;
using Flint.Vm.Loader;

namespace Flint.Vm.Tests.Loader;

/// <summary>Builds small static x86-64 ELF files with chosen PT_LOAD headers, to feed the loader what no linker makes.</summary>
internal static class CraftedElf
{
    public const ulong Base = 0x40_0000;
    private const int ProgramHeaderOffset = ElfFile.HeaderSize;

    /// <summary>One PT_LOAD header: where it goes, which file bytes it takes, and how much memory it spans.</summary>
    public static byte[] Build(int fileSize, params (ulong Address, ulong Offset, ulong FileSize, ulong MemorySize)[] loads)
    {
        var bytes = new byte[Math.Max(fileSize, ProgramHeaderOffset + (loads.Length * ElfFile.ProgramHeaderSize))];
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2;  // ELFCLASS64
        bytes[5] = 1;  // little-endian
        bytes[6] = 1;  // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(16), 2);  // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 62);  // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), loads.Length > 0 ? loads[0].Address : Base);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), ProgramHeaderOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(52), ElfFile.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(54), ElfFile.ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(56), checked((ushort)loads.Length));
        for (var i = 0; i < loads.Length; i++)
        {
            var ph = bytes.AsSpan(ProgramHeaderOffset + (i * ElfFile.ProgramHeaderSize));
            BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);  // PT_LOAD
            BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], ElfSegment.Read | ElfSegment.Execute);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[8..], loads[i].Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], loads[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], loads[i].Address);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], loads[i].FileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], loads[i].MemorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], 0x1000);
        }

        return bytes;
    }

    /// <summary><paramref name="count"/> PT_LOAD headers, each taking the whole file to the same address.</summary>
    public static byte[] WholeFileLoads(int count)
    {
        var size = (ProgramHeaderOffset + (count * ElfFile.ProgramHeaderSize) + 4095) & ~4095;
        return Build(size, [.. Enumerable.Repeat((Base, 0UL, (ulong)size, (ulong)size), count)]);
    }
}
