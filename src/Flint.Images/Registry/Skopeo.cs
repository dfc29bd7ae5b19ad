using System.Diagnostics;

namespace Flint.Images.Registry;

/// <summary>
/// Copies images between OCI layouts and registries with skopeo (Debian's <c>skopeo</c>, installed
/// by scripts/setup-containers.sh). Skopeo checks every blob it moves against its digest; a
/// registry on this host is spoken to over plain HTTP.
/// </summary>
public static class Skopeo
{
    public const string Program = "skopeo";

    /// <summary>Copies the image <paramref name="reference"/> names into a new OCI layout at <paramref name="layoutDirectory"/>.</summary>
    public static Task PullAsync(ImageReference reference, string layoutDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return RunAsync(["copy", "--quiet", $"--src-tls-verify={TlsVerify(reference)}", reference.Transport, $"oci:{layoutDirectory}:latest"], cancellationToken);
    }

    /// <summary>Copies the image <paramref name="source"/> names in an OCI layout on this host into a new OCI layout at <paramref name="layoutDirectory"/>.</summary>
    public static Task CopyAsync(LayoutReference source, string layoutDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(["copy", "--quiet", source.Transport, $"oci:{layoutDirectory}:latest"], cancellationToken);
    }

    /// <summary>Pushes the one image of the OCI layout at <paramref name="layoutDirectory"/> to <paramref name="reference"/>.</summary>
    public static Task PushAsync(string layoutDirectory, ImageReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return RunAsync(["copy", "--quiet", $"--dest-tls-verify={TlsVerify(reference)}", $"oci:{layoutDirectory}", reference.Transport], cancellationToken);
    }

    /// <summary>The digest of the manifest <paramref name="reference"/> names now, read from the registry without pulling the image.</summary>
    public static async Task<string> ManifestDigestAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var digest = await RunAsync(["inspect", "--format", "{{.Digest}}", $"--tls-verify={TlsVerify(reference)}", reference.Transport], cancellationToken).ConfigureAwait(false);
        return digest.Trim();
    }

    private static string TlsVerify(ImageReference reference) => reference.IsLocal ? "false" : "true";

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ImageException($"could not start {Program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageException($"could not start {Program} (install it with scripts/setup-containers.sh): {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var message = (await stderr.ConfigureAwait(false)).Trim();
                throw new ImageException($"{Program} {start.ArgumentList[0]} failed: {(message.Length == 0 ? $"exit code {process.ExitCode}" : message)}");
            }

            return await stdout.ConfigureAwait(false);
        }
    }
}
