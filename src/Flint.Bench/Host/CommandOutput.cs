namespace Flint.Bench.Host;

/// <summary>A finished host program's exit code and output.</summary>
public sealed record CommandOutput(int ExitCode, string Stdout, string Stderr);
