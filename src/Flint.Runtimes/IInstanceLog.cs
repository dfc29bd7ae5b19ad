namespace Flint.Runtimes;

/// <summary>Receives an instance's output, line by line.</summary>
public interface IInstanceLog
{
    void Write(string instanceId, OutputChannel channel, string line);
}
