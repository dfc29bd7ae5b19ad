namespace Flint.Runtimes.Oci;

/// <summary>A container runtime command failed; the message names the command, its exit status and stderr.</summary>
public sealed class OciCommandException : Exception
{
    public OciCommandException(string message)
        : base(message)
    {
    }

    public OciCommandException()
    {
    }

    public OciCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
