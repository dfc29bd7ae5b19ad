using System.Text.Json;

namespace Flint.Oci.Cli;

/// <summary>
/// Where flint-oci's messages go, as runc sends them: errors to standard error (containerd's shim shows a failed
/// command's output) and, when <c>--log</c> is given, to that file too (one JSON object per line with
/// <c>level</c>, <c>msg</c> and <c>time</c> under <c>--log-format json</c>, which the shim reads on failure);
/// warnings to the log file only when there is one, since <c>create</c>'s standard error is the container's own.
/// </summary>
internal sealed class OciLog(string? path, bool json)
{
    public static OciLog StandardError { get; } = new(null, false);

    public void Error(string message)
    {
        Console.Error.WriteLine($"flint-oci: {message}");
        Write("error", message);
    }

    public void Warning(string message)
    {
        if (path is null)
        {
            Console.Error.WriteLine($"flint-oci: warning: {message}");
        }

        Write("warning", message);
    }

    private void Write(string level, string message)
    {
        var now = DateTimeOffset.UtcNow;
        if (path is null)
        {
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
