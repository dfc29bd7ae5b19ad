namespace Flint.Vm.Loader;

/// <summary>The file is not a static x86-64 Linux executable the monitor can run.</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException()
    {
    }

    public ElfFormatException(string message)
        : base(message)
    {
    }

    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
