namespace Flint.Oci.Cli;

/// <summary>The options runc takes before its command, as containerd's shim passes them.</summary>
/// <param name="Root">Where container state lives, one directory per container.</param>
/// <param name="LogPath">Where messages go (besides standard error); null: standard error only.</param>
/// <param name="JsonLog">Messages as JSON lines (<c>--log-format json</c>), which the shim reads back on failure.</param>
/// <param name="SystemdCgroup">cgroupsPath is systemd's <c>slice:prefix:name</c>.</param>
internal sealed record GlobalOptions(string Root, string? LogPath, bool JsonLog, bool SystemdCgroup)
{
    public const string DefaultRoot = "/run/flint-oci";

    /// <summary>The same options as arguments, for the monitor process to inherit.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--root", Root,
        .. LogPath is null ? Array.Empty<string>() : ["--log", LogPath],
        .. JsonLog ? ["--log-format", "json"] : Array.Empty<string>(),
        .. SystemdCgroup ? ["--systemd-cgroup"] : Array.Empty<string>(),
    ];
}
