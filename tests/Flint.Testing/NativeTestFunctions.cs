using System.Security.Cryptography;
using System.Text;
using Flint.Images.Build;

namespace Flint.Testing;

/// <summary>
/// Misbehaving functions for failure-path tests: tiny static C programs, compiled with gcc and
/// packaged as function images. Each returns a build directory usable with FunctionImage.Load.
/// Skips the calling test when gcc is missing (see <see cref="StaticPrograms"/>).
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

    /// <summary>Ignores SIGTERM and never listens: only SIGKILL stops it.</summary>
    public static Task<string> NeverListensAsync() => BuildAsync("never-listens", """
        #include <signal.h>
        #include <unistd.h>
        int main(void) { signal(SIGTERM, SIG_IGN); for (;;) pause(); }
        """);

    /// <summary>Listens, then aborts as soon as a request arrives.</summary>
    public static Task<string> CrashesMidRequestAsync() => BuildAsync("crashes-mid-request", Server.Replace(
        "ON_CONNECTION",
        """if (read(c, buffer, sizeof buffer) > 0) { fprintf(stderr, "flint-test: crashing\n"); abort(); } close(c);""",
        StringComparison.Ordinal));

    /// <summary>Listens and accepts, but never answers.</summary>
    public static Task<string> NeverAnswersAsync() => BuildAsync("never-answers", Server.Replace(
        "ON_CONNECTION", "(void)buffer;", StringComparison.Ordinal));

    /// <summary>Answers every request with "Hello from C!" and closes the connection; blocking calls only.</summary>
    public static Task<string> AnswersHelloAsync() => BuildAsync("answers-hello", Server.Replace(
        "ON_CONNECTION",
        """
        if (read(c, buffer, sizeof buffer) > 0) {
            static const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 14\r\nConnection: close\r\n\r\nHello from C!\n";
            if (write(c, response, sizeof response - 1) < 0) perror("write");
            printf("answered\n");
            fflush(stdout);
        }
        close(c);
        """,
        StringComparison.Ordinal));

    private static async Task<string> BuildAsync(string name, string source)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
        var output = Path.Combine(Path.GetTempPath(), "flint-test-images", $"{name}-{hash}");
        if (File.Exists(Path.Combine(output, ".complete")))
        {
            return output;
        }

        using var staging = new TempDirectory($"flint-{name}");
        ImageBuilder.Package(StaticPrograms.Compile(staging, name, source), staging.Combine("image"));
        await File.WriteAllTextAsync(staging.Combine("image", ".complete"), "").ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        try
        {
            Directory.Move(staging.Combine("image"), output);
        }
        catch (IOException) when (File.Exists(Path.Combine(output, ".complete")))
        {
            // Another test built the same program first.
        }

        return output;
    }
}
