namespace Flint.Runtimes;

/// <summary>Discards an instance's output lines (its output pumps still keep the tail for errors).</summary>
public sealed class NullInstanceLog : IInstanceLog
{
    public static NullInstanceLog Instance { get; } = new();

    public void Write(string instanceId, OutputChannel channel, string line)
    {
    }
}
