namespace Flint.Runtimes.Oci;

internal sealed record HostCommandResult(IReadOnlyList<string> Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws, naming the command, its exit status and its stderr, unless it succeeded.</summary>
    public HostCommandResult ThrowIfFailed()
    {
        if (!Succeeded)
        {
            throw new OciCommandException(Describe());
        }

        return this;
    }

    public string Describe() => $"'{string.Join(' ', Command)}' failed (exit {ExitCode}): {Stderr.Trim()}";
}
