using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Flint.Images.Build;

namespace Flint.Testing;

/// <summary>
/// Misbehaving functions for failure-path tests: tiny static C programs, compiled with gcc and
/// packaged as function images. Each returns a build directory usable with FunctionImage.Load.
/// Skips the calling test when gcc is missing.
/// </summary>
public static class NativeTestFunctions
{
    private const string Server = """
        #include <netinet/in.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <sys/socket.h>
        #include <unistd.h>

        int main(void) {
            const char *port = getenv("PORT");
            int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
            struct sockaddr_in a = {0};
            a.sin_family = AF_INET;
            a.sin_port = htons(atoi(port ? port : "8080"));
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 64) != 0) return 1;
            for (;;) {
                char buffer[4096];
                int c = accept(s, 0, 0);
                if (c < 0) continue;
                ON_CONNECTION
            }
        }
        """;

    /// <summary>Prints a line to stderr and exits with status 3 without ever listening.</summary>
    public static Task<string> ExitsAtOnceAsync() => BuildAsync("exits-at-once", """
        #include <stdio.h>
        int main(void) { fprintf(stderr, "flint-test: giving up at once\n"); return 3; }
        """);

    /// <summary>Listens, then aborts as soon as a request arrives.</summary>
    public static Task<string> CrashesMidRequestAsync() => BuildAsync("crashes-mid-request", Server.Replace(
        "ON_CONNECTION",
        """if (read(c, buffer, sizeof buffer) > 0) { fprintf(stderr, "flint-test: crashing\n"); abort(); } close(c);""",
        StringComparison.Ordinal));

    /// <summary>Listens and accepts, but never answers.</summary>
    public static Task<string> NeverAnswersAsync() => BuildAsync("never-answers", Server.Replace(
        "ON_CONNECTION", "(void)buffer;", StringComparison.Ordinal));

    private static async Task<string> BuildAsync(string name, string source)
    {
        HostRequirements.RequireCommand("gcc", "gcc");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
        var output = Path.Combine(Path.GetTempPath(), "flint-test-images", $"{name}-{hash}");
        if (File.Exists(Path.Combine(output, ".complete")))
        {
            return output;
        }

        var staging = Directory.CreateTempSubdirectory($"flint-{name}-").FullName;
        var sourceFile = Path.Combine(staging, name + ".c");
        await File.WriteAllTextAsync(sourceFile, source).ConfigureAwait(false);
        var executable = Path.Combine(staging, name);
        await CompileAsync(sourceFile, executable).ConfigureAwait(false);
        ImageBuilder.Package(executable, Path.Combine(staging, "image"));
        await File.WriteAllTextAsync(Path.Combine(staging, "image", ".complete"), "").ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        try
        {
            Directory.Move(Path.Combine(staging, "image"), output);
        }
        catch (IOException) when (File.Exists(Path.Combine(output, ".complete")))
        {
            // Another test built the same program first.
        }

        Directory.Delete(staging, recursive: true);
        return output;
    }

    private static async Task CompileAsync(string source, string executable)
    {
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-static", "-O1", "-o", executable, source])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = await gcc.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await gcc.WaitForExitAsync().ConfigureAwait(false);
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc failed on {Path.GetFileName(source)}: {errors}");
        }
    }
}
