using System.Text;
using Flint.Vm.Memory;

namespace Flint.Vm.Loader;

/// <summary>
/// Writes the System V process entry stack below <c>top</c>: strings and AT_RANDOM bytes first, then (16-byte
/// aligned) argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL. Returns the initial RSP (argc).
/// Like Linux, arguments and environment together may use at most a quarter of the stack.
/// </summary>
internal static class InitialStack
{
    public const ulong MaxArgumentBytes = Layout.StackSize / 4;

    public static GuestAddress Build(GuestMemory memory, GuestAddress top, InitialStackContents contents)
    {
        var size = contents.Arguments.Concat(contents.Environment).Sum(s => (long)Encoding.UTF8.GetByteCount(s) + 1 + 8);
        if (size > (long)MaxArgumentBytes)
        {
            throw new ArgumentException($"arguments and environment take {size} bytes, more than {MaxArgumentBytes}", nameof(contents));
        }

        var cursor = top.Value - 8;  // keep a zero word at the very top, as Linux does
        var execfn = PushString(memory, ref cursor, contents.ExecutablePath);
        var argv = contents.Arguments.Select(a => PushString(memory, ref cursor, a)).ToArray();
        var envp = contents.Environment.Select(e => PushString(memory, ref cursor, e)).ToArray();
        var platform = PushString(memory, ref cursor, "x86_64");
        cursor = (cursor - 16) & ~15UL;
        var random = cursor;
        Write(memory, random, contents.RandomBytes.Span[..16]);

        var image = contents.Image;
        (ulong Key, ulong Value)[] auxv =
        [
            (AuxvType.Phdr, image.ProgramHeaders.Value),
            (AuxvType.Phent, ElfFile.ProgramHeaderSize),
            (AuxvType.Phnum, (ulong)image.ProgramHeaderCount),
            (AuxvType.Pagesz, Layout.PageSize),
            (AuxvType.Base, 0),
            (AuxvType.Flags, 0),
            (AuxvType.Entry, image.Entry.Value),
            (AuxvType.Uid, contents.UserId),
            (AuxvType.Euid, contents.UserId),
            (AuxvType.Gid, contents.GroupId),
            (AuxvType.Egid, contents.GroupId),
            (AuxvType.Platform, platform),
            (AuxvType.Hwcap, contents.HardwareCapabilities),
            (AuxvType.Clktck, 100),
            (AuxvType.Secure, 0),
            (AuxvType.Random, random),
            (AuxvType.Hwcap2, 0),
            (AuxvType.Execfn, execfn),
            (AuxvType.Null, 0),
        ];

        var words = new List<ulong> { (ulong)argv.Length };
        words.AddRange(argv);
        words.Add(0);
        words.AddRange(envp);
        words.Add(0);
        foreach (var (key, value) in auxv)
        {
            words.Add(key);
            words.Add(value);
        }

        var sp = (cursor - ((ulong)words.Count * 8)) & ~15UL;
        var bytes = new byte[words.Count * 8];
        for (var i = 0; i < words.Count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), words[i]);
        }

        Write(memory, sp, bytes);
        return new GuestAddress(sp);
    }

    private static ulong PushString(GuestMemory memory, ref ulong cursor, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        cursor -= (ulong)bytes.Length;
        Write(memory, cursor, bytes);
        return cursor;
    }

    private static void Write(GuestMemory memory, ulong address, ReadOnlySpan<byte> bytes)
    {
        if (!memory.TryWrite(new GuestAddress(address), GuestAccess.Monitor, bytes))
        {
            throw new ArgumentException("arguments and environment do not fit the initial stack", nameof(memory));
        }
    }
}
