namespace Flint.Runtimes.Direct;

/// <summary>
/// A command line to start directly: the whole argument vector, exactly its environment, and where it runs.
/// <paramref name="Held"/>: the command is spawned when prepared and waits for a byte on stdin (<c>flint-exec --hold</c>);
/// the launch sends it.
/// </summary>
internal sealed record DirectCommand(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory = null,
    bool Held = false);
