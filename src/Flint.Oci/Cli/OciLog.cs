using System.Text.Json;

namespace Flint.Oci.Cli;

/// <summary>
/// Where flint-oci's messages go: the <c>--log</c> file when one is given, as runc writes it (one JSON object per
/// line with <c>level</c>, <c>msg</c> and <c>time</c> under <c>--log-format json</c>), else standard error.
/// containerd's shim shows the last error line of that file when a command fails; standard error is not used
/// then, since <c>create</c>'s is the container's own.
/// </summary>
internal sealed class OciLog(string? path, bool json)
{
    public static OciLog StandardError { get; } = new(null, false);

    public void Error(string message) => Write("error", message);

    public void Warning(string message) => Write("warning", message);

    private void Write(string level, string message)
    {
        var now = DateTimeOffset.UtcNow;
        if (path is null)
        {
            Console.Error.WriteLine($"flint-oci: {message}");
            return;
        }

        var line = json
            ? JsonSerializer.Serialize(new LogLine(level, message, now), OciJsonContext.Default.LogLine)
            : $"time=\"{now:O}\" level={level} msg=\"{message}\"";
        try
        {
            File.AppendAllText(path, line + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"flint-oci: could not write the log {path}: {e.Message}");
        }
    }
}
