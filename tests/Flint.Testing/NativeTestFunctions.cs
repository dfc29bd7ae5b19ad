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
    /// <summary>
    /// A server on the socket passed as descriptor 3 when <c>LISTEN_FDS</c>/<c>LISTEN_PID</c> say so
    /// (socket activation), otherwise bound to 127.0.0.1:$PORT with SO_REUSEADDR and SO_REUSEPORT, as
    /// many servers (and .NET's ReuseAddress) bind.
    /// </summary>
    private const string Server = """
        #include <netinet/in.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <strings.h>
        #include <sys/socket.h>
        #include <unistd.h>

        static int listening_socket(void) {
            const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
            if (fds && atoi(fds) >= 1 && pid && atoi(pid) == getpid()) return 3;
            const char *port = getenv("PORT");
            int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
            struct sockaddr_in a = {0};
            a.sin_family = AF_INET;
            a.sin_port = htons(atoi(port ? port : "8080"));
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 64) != 0) exit(1);
            return s;
        }

        int main(void) {
            int s = listening_socket();
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

    /// <summary>Listens and accepts, but never answers, and ignores SIGTERM: only SIGKILL stops it.</summary>
    public static Task<string> NeverAnswersIgnoringSigtermAsync() => BuildAsync("never-answers-ignores-sigterm", Server.Replace(
        "int main(void) {\n",
        "#include <signal.h>\nint main(void) {\n    signal(SIGTERM, SIG_IGN);\n",
        StringComparison.Ordinal).Replace(
        "ON_CONNECTION", "(void)buffer;", StringComparison.Ordinal));

    /// <summary>
    /// Answers every request with <c>WHO=$WHO PORT=$PORT PID=pid</c> and closes the connection, so a
    /// test can tell which function (and which instance) answered.
    /// </summary>
    public static Task<string> NamesItselfAsync() => BuildAsync("names-itself", Server.Replace(
        "ON_CONNECTION",
        """
        if (read(c, buffer, sizeof buffer) > 0) {
            char body[256], response[512];
            const char *who = getenv("WHO"), *port = getenv("PORT");
            int length = snprintf(body, sizeof body, "WHO=%s PORT=%s PID=%d\n", who ? who : "", port ? port : "", (int)getpid());
            int total = snprintf(response, sizeof response,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", length, body);
            (void)!write(c, response, total);
        }
        close(c);
        """,
        StringComparison.Ordinal));

    /// <summary>
    /// Answers like <see cref="NamesItselfAsync"/>, except that a request for <c>/crash</c> aborts the
    /// process, so a test can crash a warm instance on demand and then see who answers next.
    /// </summary>
    public static Task<string> CrashesOnDemandAsync() => BuildAsync("crashes-on-demand", Server.Replace(
        "ON_CONNECTION",
        """
        int got = read(c, buffer, sizeof buffer - 1);
        if (got > 0) {
            buffer[got] = 0;
            if (strncmp(buffer, "GET /crash ", 11) == 0) { fprintf(stderr, "flint-test: crashing on demand\n"); abort(); }
            char body[64], response[256];
            int length = snprintf(body, sizeof body, "PID=%d\n", (int)getpid());
            int total = snprintf(response, sizeof response,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", length, body);
            (void)!write(c, response, total);
        }
        close(c);
        """,
        StringComparison.Ordinal));

    /// <summary>
    /// Listens; on a request, prints a line and allocates and touches memory until something stops it: the kernel's
    /// OOM killer under a cgroup limit, or, where the limit refuses the allocation itself (a Flint VM), its own abort.
    /// </summary>
    public static Task<string> AllocatesOnRequestAsync() => BuildAsync("allocates-on-request", Server.Replace(
        "ON_CONNECTION",
        """
        if (read(c, buffer, sizeof buffer) > 0) {
            fprintf(stderr, "flint-test: allocating\n");
            for (;;) {
                char *p = malloc(1 << 20);
                if (!p) { fprintf(stderr, "flint-test: out of memory\n"); abort(); }
                memset(p, 1, 1 << 20);
            }
        }
        close(c);
        """,
        StringComparison.Ordinal));

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

    /// <summary>Answers like <see cref="AnswersHelloAsync"/> but ignores SIGTERM, so its stop lasts the whole grace period.</summary>
    public static Task<string> IgnoresSigtermAsync() => BuildAsync("ignores-sigterm", Server.Replace(
        "int main(void) {\n",
        "#include <signal.h>\nint main(void) {\n    signal(SIGTERM, SIG_IGN);\n",
        StringComparison.Ordinal).Replace(
        "ON_CONNECTION",
        """
        if (read(c, buffer, sizeof buffer) > 0) {
            static const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 14\r\nConnection: close\r\n\r\nHello from C!\n";
            if (write(c, response, sizeof response - 1) < 0) perror("write");
        }
        close(c);
        """,
        StringComparison.Ordinal));

    /// <summary>Answers every request with the request's own head and body (read until its Content-Length is complete, up to 4 KiB), so a test sees what was forwarded.</summary>
    public static Task<string> EchoesRequestAsync() => BuildAsync("echoes-request", Server.Replace(
        "ON_CONNECTION",
        """
        /* The whole request: its head, then as many body bytes as its Content-Length says (they may
           come in later segments), within the buffer. */
        int got = 0, want = -1;
        while (got < (int)sizeof buffer - 1 && (want < 0 || got < want)) {
            int n = read(c, buffer + got, sizeof buffer - 1 - got);
            if (n <= 0) break;
            got += n;
            buffer[got] = 0;
            char *end = strstr(buffer, "\r\n\r\n");
            if (want < 0 && end) {
                long length = 0;
                for (char *line = buffer; line && line < end; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : 0)
                    if (strncasecmp(line, "content-length:", 15) == 0) length = atol(line + 15);
                want = (int)(end + 4 - buffer) + (int)length;
            }
        }
        if (got > 0) {
            char head[128];
            int length = snprintf(head, sizeof head,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", got);
            (void)!write(c, head, length);
            (void)!write(c, buffer, got);
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
