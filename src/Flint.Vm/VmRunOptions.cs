namespace Flint.Vm;

/// <summary>What to run in a Flint VM and with which limits. Read once by <see cref="VmRunner.RunAsync"/>.</summary>
public sealed record VmRunOptions
{
    /// <summary>Guest RAM when <see cref="MemoryLimitBytes"/> is not set.</summary>
    public const ulong DefaultMemoryLimitBytes = Layout.DefaultGuestMemory;

    /// <summary>A static x86-64 Linux executable (non-PIE or static-PIE).</summary>
    public required string ElfPath { get; init; }

    /// <summary>argv[1..]; argv[0] is <see cref="ElfPath"/>.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The guest's environment, "NAME=value" entries.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Where the guest's fd 1 goes; null discards it.</summary>
    public Stream? Stdout { get; init; }

    /// <summary>Where the guest's fd 2 goes; null discards it.</summary>
    public Stream? Stderr { get; init; }

    /// <summary>When set, every syscall (strace-like) and a summary of counts and monitor time are written here.</summary>
    public TextWriter? TraceWriter { get; init; }

    /// <summary>The guest is stopped after this long (exit code 137, as if killed by SIGKILL). Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Which platform executes the guest; <see cref="VmPlatformChoice.Auto"/> prefers KVM.</summary>
    public VmPlatformChoice Platform { get; init; } = VmPlatformChoice.Auto;

    /// <summary>Guest RAM, a multiple of 4 KiB between 16 MiB and 1 GiB.</summary>
    public ulong MemoryLimitBytes { get; init; } = DefaultMemoryLimitBytes;
}
