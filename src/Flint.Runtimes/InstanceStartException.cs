namespace Flint.Runtimes;

/// <summary>An instance could not be started; <see cref="OutputTail"/> holds the last lines it printed.</summary>
public sealed class InstanceStartException : Exception
{
    public InstanceStartException(string message, string outputTail = "")
        : base(message)
    {
        OutputTail = outputTail;
    }

    public InstanceStartException(string message, Exception inner)
        : base(message, inner)
    {
        OutputTail = "";
    }

    public string OutputTail { get; }
}
