using System.Buffers.Binary;

namespace Flint.Images.Build;

/// <summary>
/// Checks that a file is what every Flint runtime can run: a 64-bit little-endian x86-64 ELF
/// executable with no program interpreter (statically linked, PIE or not).
/// </summary>
public static class StaticElf
{
    private const ushort EtExec = 2;
    private const ushort EtDyn = 3;
    private const ushort EmX8664 = 62;
    private const uint PtInterp = 3;

    // Not "\x7fELF"u8: C#'s \x escape takes up to four hex digits and would swallow the 'E'.
    private static ReadOnlySpan<byte> Magic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    public static bool LooksLikeElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual(Magic);
    }

    /// <summary>Null when the file is a static x86-64 executable, else the reason it is not.</summary>
    public static string? WhyNotStatic(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return "not an ELF file";
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            return "not a 64-bit little-endian ELF";
        }

        var span = bytes.AsSpan();
        var type = BinaryPrimitives.ReadUInt16LittleEndian(span[16..]);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(span[18..]);
        if (machine != EmX8664)
        {
            return $"built for ELF machine {machine}, not x86-64";
        }

        if (type is not (EtExec or EtDyn))
        {
            return $"ELF type {type} is not an executable";
        }

        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(span[32..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(span[56..]);
        if (phentsize < 56 || phoff > (ulong)bytes.Length || (ulong)phnum * phentsize > (ulong)bytes.Length - phoff)
        {
            return "program headers are out of bounds";
        }

        for (var i = 0; i < phnum; i++)
        {
            var header = span.Slice((int)phoff + (i * phentsize), phentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == PtInterp)
            {
                return "dynamically linked (it names a program interpreter); publish with StaticExecutable=true";
            }
        }

        return null;
    }
}
