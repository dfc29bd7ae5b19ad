namespace Flint.Vm.Linux;

/// <summary>
/// What a guest process is given from outside: its streams, executable path as the guest sees it, clock, optional
/// tracer, the token that stops the run (it also ends host writes blocked on the guest's behalf), the image
/// directory the guest sees as "/" (null: none, only the synthesized /proc, /sys and /dev), and its network policy
/// (none: every bind, listen and connect is refused).
/// </summary>
internal sealed record GuestProcessOptions(
    Stream Stdout, Stream Stderr, string ExecutablePath, TimeProvider Time, SyscallTracer? Tracer, CancellationToken Stop = default)
{
    public string? RootDirectory { get; init; }
    public Net.GuestNetwork Network { get; init; } = Net.GuestNetwork.None;

    /// <summary>The starting current directory, an absolute guest path.</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>Limits over <see cref="ResourceLimits.Defaults"/>, each with a known resource number.</summary>
    public IReadOnlyList<GuestResourceLimit> ResourceLimits { get; init; } = [];
}
