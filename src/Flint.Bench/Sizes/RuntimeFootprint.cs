namespace Flint.Bench.Sizes;

/// <summary>What a runtime needs installed on the host, with the total of the files that were found.</summary>
public sealed record RuntimeFootprint(string Runtime, IReadOnlyList<HostBinary> Binaries, long FoundBytes, string? Note)
{
    public IEnumerable<string> Missing => Binaries.Where(b => !b.Found).Select(b => b.Name);
}
