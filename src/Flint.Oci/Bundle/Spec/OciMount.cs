namespace Flint.Oci.Bundle.Spec;

/// <summary>One entry of <c>mounts</c>.</summary>
internal sealed record OciMount
{
    public string? Destination { get; init; }

    public string? Type { get; init; }

    public string? Source { get; init; }

    public IReadOnlyList<string>? Options { get; init; }
}
