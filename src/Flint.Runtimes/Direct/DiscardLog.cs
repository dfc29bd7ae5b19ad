namespace Flint.Runtimes.Direct;

/// <summary>Drops a direct instance's output lines (its output pumps still keep the tail).</summary>
internal sealed class DiscardLog : IInstanceLog
{
    public static DiscardLog Instance { get; } = new();

    public void Write(string instanceId, OutputChannel channel, string line)
    {
    }
}
