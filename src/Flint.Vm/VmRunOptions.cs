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

    /// <summary>Guest RAM, a multiple of 4 KiB between 16 MiB and 1 GiB.</summary>
    public ulong MemoryLimitBytes { get; init; } = DefaultMemoryLimitBytes;
}
