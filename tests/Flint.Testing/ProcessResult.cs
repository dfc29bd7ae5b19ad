namespace Flint.Testing;

/// <summary>Exit code and captured output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
