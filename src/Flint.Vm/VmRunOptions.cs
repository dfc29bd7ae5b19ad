namespace Flint.Vm;

/// <summary>What to run in a Flint VM and with which limits. Read once by <see cref="VmRunner.RunAsync"/>.</summary>
public sealed record VmRunOptions
{
    /// <summary>Guest RAM when <see cref="MemoryLimitBytes"/> is not set.</summary>
    public const ulong DefaultMemoryLimitBytes = Layout.DefaultGuestMemory;

    /// <summary>A static x86-64 Linux executable (non-PIE or static-PIE).</summary>
    public required string ElfPath { get; init; }

    /// <summary>
    /// The executable's absolute path as the guest sees it: argv[0], AT_EXECFN and readlink("/proc/self/exe").
    /// Null: "/" and the file name of <see cref="ElfPath"/>. The host's path is never shown to the guest.
    /// </summary>
    public string? GuestPath { get; init; }

    /// <summary>argv[1..]; argv[0] is <see cref="GuestPath"/>.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The guest's current directory when it starts, an absolute guest path; null: "/".</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Resource limits the guest starts with, over the defaults; names Linux does not know are refused.</summary>
    public IReadOnlyList<GuestResourceLimit> ResourceLimits { get; init; } = [];

    /// <summary>The guest's whole environment, "NAME=value" entries; nothing of the host's is added.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Where the guest's fd 1 goes; null discards it.</summary>
    public Stream? Stdout { get; init; }

    /// <summary>Where the guest's fd 2 goes; null discards it.</summary>
    public Stream? Stderr { get; init; }

    /// <summary>When set, every syscall (strace-like) and a summary of counts and monitor time are written here.</summary>
    public TextWriter? TraceWriter { get; init; }

    /// <summary>
    /// The guest is stopped this long after the run starts, boot included (exit code 137, as if killed by SIGKILL),
    /// even while a host write it made is blocked. Null: no limit.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// A bound, listening TCP socket on the host (127.0.0.1), owned by the caller. The guest's first listening
    /// socket becomes this one whatever address and port it binds, so the instance's address is fixed before it
    /// starts and exclusively its own. Null: a guest's bind/listen is refused with EACCES.
    /// </summary>
    public System.Net.Sockets.Socket? ListenSocket { get; init; }

    /// <summary>Called once, on the vCPU thread, when the guest calls listen() on <see cref="ListenSocket"/>: the instance is ready.</summary>
    public Action? Listening { get; init; }

    /// <summary>Whether the guest may connect() to other addresses; refused with EACCES otherwise.</summary>
    public bool AllowOutbound { get; init; }

    /// <summary>
    /// A directory holding the function's image (its unpacked OCI layer): the guest sees it read-only as "/".
    /// Null: the guest sees no image files, only the synthesized /proc, /sys and /dev entries.
    /// </summary>
    public string? RootDirectory { get; init; }

    /// <summary>Which platform executes the guest; <see cref="VmPlatformChoice.Auto"/> prefers KVM.</summary>
    public VmPlatformChoice Platform { get; init; } = VmPlatformChoice.Auto;

    /// <summary>The memory limit: the most bytes of pages the guest can access at once, a multiple of 4 KiB between 16 MiB and 1 GiB (reservations without access are free).</summary>
    public ulong MemoryLimitBytes { get; init; } = DefaultMemoryLimitBytes;

    /// <summary>Take a snapshot once the guest listens and every thread blocks (ignored with <see cref="RestoreFrom"/>).</summary>
    public Snapshots.SnapshotRequest? Snapshot { get; init; }

    /// <summary>
    /// Start from this snapshot instead of booting <see cref="ElfPath"/>: on its platform and memory limit (the
    /// options' own are not used), with this run's streams and listening socket.
    /// </summary>
    public Snapshots.VmSnapshot? RestoreFrom { get; init; }
}
