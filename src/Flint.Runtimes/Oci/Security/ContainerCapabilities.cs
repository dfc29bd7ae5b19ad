namespace Flint.Runtimes.Oci.Security;

/// <summary>
/// The capabilities a container instance may be granted when its function asks for them: a subset
/// of Docker's default set, without those that reach beyond the container's own files and
/// processes (<c>CAP_NET_RAW</c>, <c>CAP_MKNOD</c>, <c>CAP_AUDIT_WRITE</c>, <c>CAP_SETFCAP</c>).
/// Every other capability is dropped from every set.
/// </summary>
internal static class ContainerCapabilities
{
    public static IReadOnlySet<string> Grantable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_NET_BIND_SERVICE",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_SYS_CHROOT",
    };

    /// <summary>The requested capabilities, without duplicates; throws for one that is not grantable.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string>? requested)
    {
        if (requested is null)
        {
            return [];
        }

        foreach (var capability in requested)
        {
            if (!Grantable.Contains(capability))
            {
                throw new InstanceStartException(
                    $"capability '{capability}' may not be granted to a function (grantable: {string.Join(", ", Grantable.Order(StringComparer.Ordinal))})");
            }
        }

        return [.. requested.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
