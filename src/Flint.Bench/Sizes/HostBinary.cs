namespace Flint.Bench.Sizes;

/// <summary>A file a runtime needs on the host; <see cref="Path"/> and <see cref="Bytes"/> are null when it is missing.</summary>
public sealed record HostBinary(string Name, string? Path, long? Bytes)
{
    public bool Found => Bytes is not null;
}
