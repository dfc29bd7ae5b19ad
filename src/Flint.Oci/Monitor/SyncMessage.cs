namespace Flint.Oci.Monitor;

/// <summary>The one line a new monitor sends <c>create</c>: ready, or why the container cannot be created.</summary>
internal static class SyncMessage
{
    public const string Ready = "ready";
    private const string ErrorPrefix = "error ";

    public static string Error(string message) => ErrorPrefix + message.ReplaceLineEndings(" ");

    /// <summary>Null when the monitor is ready; the monitor's message, or what its silence means, otherwise.</summary>
    public static string? Failure(string? line) => line switch
    {
        Ready => null,
        null => "the container's monitor exited before it was ready",
        _ when line.StartsWith(ErrorPrefix, StringComparison.Ordinal) => line[ErrorPrefix.Length..],
        _ => $"the container's monitor said \"{line}\"",
    };
}
