namespace Flint.Vm.Loader;

/// <summary>Whether a file is an executable a Flint VM boots, checked as the loader checks it, without booting it.</summary>
public static class StaticExecutable
{
    /// <exception cref="ElfFormatException">It is not a static x86-64 Linux executable; the message says why.</exception>
    public static void Check(ReadOnlySpan<byte> image) => ElfFile.Parse(image);
}
