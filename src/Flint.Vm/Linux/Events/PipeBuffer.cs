namespace Flint.Vm.Linux.Events;

/// <summary>A pipe's bytes in memory, bounded like Linux's default (64 KiB), and how many ends of each kind are open.</summary>
internal sealed class PipeBuffer(ReadinessSignal signal)
{
    public const int Capacity = 64 * 1024;

    /// <summary>Writes of at most this many bytes are atomic (PIPE_BUF).</summary>
    public const int AtomicBytes = 4096;

    public Lock Lock { get; } = new();

    public byte[] Bytes { get; } = new byte[Capacity];

    public int Start { get; set; }

    public int Count { get; set; }

    public bool ReaderOpen { get; set; } = true;

    public bool WriterOpen { get; set; } = true;

    public long Generation { get; set; }

    public ReadinessSignal Signal => signal;
}
