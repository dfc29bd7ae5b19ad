namespace Flint.Oci.Cli;

/// <summary>A command that cannot be carried out; its message is what containerd's shim shows the user.</summary>
internal sealed class OciException(string message, Exception? inner = null) : Exception(message, inner);
