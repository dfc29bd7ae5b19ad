namespace Flint.Bench.Soak;

/// <summary>
/// How much each counter may grow over a soak before it counts as a leak, and why. Everything an
/// instance owns outside the gateway (processes, mounts, cgroups, bundle and state entries, listening
/// sockets) must come back to exactly where it was: bound 0. The gateway's own process figures move
/// with the .NET runtime rather than with the number of starts, so they get a fixed bound that a
/// leak of one item per start over the default 10,000 starts would pass many times over.
/// </summary>
public static class SoakBounds
{
    public const string Descriptors = "gateway fds";
    public const string Threads = "gateway threads";
    public const string ResidentKiB = "gateway RSS (KiB)";
    public const string Mappings = "gateway mappings";
    public const string ManagedHeapKiB = "managed heap (KiB)";
    public const string Children = "child processes";
    public const string ListeningSockets = "listening sockets";
    public const string Mounts = "mounts under the data directory";
    public const string Cgroups = "instance cgroups";
    public const string RuntimeEntries = "bundle and state entries";

    /// <summary>The growth allowed per counter; a counter not listed here must not grow at all.</summary>
    public static long For(string counter) => counter switch
    {
        // Pooled connections to the gateway and to instances whose close is still in flight, and the
        // thread pool's own wakeup pipes and timers.
        Descriptors => 16,

        // The thread pool adds threads under a burst of blocking waits and retires them after about
        // 20 s idle; the soak does not wait that long.
        Threads => 16,

        // After a full collection: heap segments the GC keeps committed, code the JIT emits for
        // paths first taken late (tier-1 recompilation), thread stacks. 64 MiB is 6.5 KiB per start
        // over 10,000 starts: a leak of one small buffer per start would show.
        ResidentKiB => 64 * 1024,

        // Two per thread stack (the stack and its guard page), JIT code heaps, and the GC committing
        // and releasing parts of its reserved regions, which splits and joins mappings (a 200-start
        // run measured +72 after 20 warm-up starts). A leaked thread or mapped file per start would
        // add thousands.
        Mappings => 128,

        // Live objects after a full collection: the per-function log ring (1,000 lines) filling up,
        // histogram buckets, YARP and Kestrel pools. 4 MiB is 400 bytes per start over 10,000.
        ManagedHeapKiB => 4 * 1024,
        _ => 0,
    };
}
