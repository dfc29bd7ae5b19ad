namespace Flint.Vm;

/// <summary>
/// One resource limit a guest starts with, named as Linux and the OCI runtime spec name it (<c>RLIMIT_NOFILE</c>):
/// what getrlimit and prlimit64 report. <see cref="ulong.MaxValue"/> is RLIM_INFINITY.
/// </summary>
public sealed record GuestResourceLimit(string Name, ulong Soft, ulong Hard)
{
    /// <summary>The names Linux defines, in resource-number order.</summary>
    public static IReadOnlyList<string> Names => LinuxNames;

    /// <summary>The resource number of <see cref="Name"/>, or -1 when Linux has no such limit.</summary>
    public int Resource => Array.IndexOf(LinuxNames, Name);

    private static readonly string[] LinuxNames =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE",
        "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];
}
