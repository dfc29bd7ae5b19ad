namespace Flint.Runtimes.Direct;

/// <summary>What a <see cref="DirectInstance"/> launches: a host command, or the Flint VM monitor in this process.</summary>
internal interface IDirectRun : IDisposable
{
    /// <summary>What it runs, in words: a command's argument vector, the program first.</summary>
    IReadOnlyList<string> Arguments { get; }

    bool HasExited { get; }

    /// <summary>Whether its process (or VM) exists: after <see cref="Start"/>, or once a held command is prepared.</summary>
    bool Spawned { get; }

    /// <summary>Completes once the run has ended (its process reaped, or its VM stopped).</summary>
    Task Exited { get; }

    void Start();

    /// <summary>Ends the run at once (SIGKILL to the command's process group; the VM's run cancelled).</summary>
    void Kill();

    /// <summary>The last lines printed, stderr after stdout.</summary>
    string OutputTail();

    /// <summary>Waits, up to <paramref name="limit"/>, until the output is read to its end.</summary>
    Task DrainAsync(TimeSpan limit);
}
