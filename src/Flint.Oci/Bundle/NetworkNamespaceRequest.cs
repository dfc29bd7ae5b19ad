namespace Flint.Oci.Bundle;

/// <summary>Which network namespace the monitor's host sockets live in.</summary>
/// <param name="Path">The namespace to join (<c>linux.namespaces</c> network entry with a path); null with <paramref name="New"/> unset: the host's.</param>
/// <param name="New">A new, empty namespace with only loopback (a network entry without a path).</param>
internal sealed record NetworkNamespaceRequest(string? Path, bool New)
{
    public static NetworkNamespaceRequest Host { get; } = new(null, false);
}
