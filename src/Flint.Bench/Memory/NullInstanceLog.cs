using Flint.Runtimes;

namespace Flint.Bench.Memory;

/// <summary>Discards instance output: idle instances in the memory run say nothing worth keeping.</summary>
internal sealed class NullInstanceLog : IInstanceLog
{
    public static NullInstanceLog Instance { get; } = new();

    public void Write(string instanceId, OutputChannel channel, string line)
    {
    }
}
