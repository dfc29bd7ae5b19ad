namespace Flint.Bench.Gateway;

/// <summary>
/// Picks the runtimes to measure from what the gateway lists, keeping its order. Every runtime left
/// out is returned with its reason: unavailable on the gateway, or asked for but not offered by it.
/// </summary>
public static class RuntimeSelection
{
    public static (IReadOnlyList<RuntimeStatus> Listed, IReadOnlyList<string> Available, IReadOnlyList<RuntimeStatus> Unavailable) Select(
        IReadOnlyList<RuntimeStatus> gatewayRuntimes, IReadOnlyList<string> filter)
    {
        ArgumentNullException.ThrowIfNull(gatewayRuntimes);
        ArgumentNullException.ThrowIfNull(filter);
        var listed = filter.Count == 0
            ? gatewayRuntimes.ToList()
            : filter.Select(name => gatewayRuntimes.FirstOrDefault(r => r.Name == name) ?? new RuntimeStatus(name, false, "not offered by the gateway")).ToList();
        var unavailable = listed.Where(r => !r.Available).Select(r => r with { Reason = r.Reason ?? "unavailable (no reason given)" }).ToList();
        return (listed, [.. listed.Where(r => r.Available).Select(r => r.Name)], unavailable);
    }
}
