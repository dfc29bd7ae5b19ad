namespace Flint.Runtimes.Direct;

/// <summary>A command line to start directly: the whole argument vector, exactly its environment, and where it runs.</summary>
internal sealed record DirectCommand(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory = null);
