namespace Flint.Oci.Bundle.Spec;

/// <summary><c>process</c>: what runs, with which environment and limits.</summary>
internal sealed record OciProcess
{
    public bool Terminal { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    public string? Cwd { get; init; }

    public IReadOnlyList<OciRlimit>? Rlimits { get; init; }
}
