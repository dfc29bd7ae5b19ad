namespace Flint.Cli.Client;

/// <summary>A failure the user should read as one line (no stack trace): bad input, gateway errors.</summary>
internal sealed class CliException(string message) : Exception(message);
