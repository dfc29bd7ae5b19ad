namespace Flint.Runtimes.Tests.Common;

/// <summary>
/// A function that reports the privileges it runs with and exits: its ids and the <c>Uid</c>, <c>Gid</c>,
/// <c>Groups</c>, <c>CapEff</c>, <c>NoNewPrivs</c> and <c>Seccomp</c> lines of <c>/proc/self/status</c>,
/// its open descriptors (<c>fds=0 1 2 3</c>) and working directory, then what <c>mount</c>, reading
/// <c>/etc/shadow</c> and attaching <c>ptrace</c> to its parent answer (<c>mount=EPERM</c>,
/// <c>shadow=EACCES</c>, ...; <c>ok</c> when the call succeeded).
/// </summary>
internal static class PrivilegeProbe
{
    public const string Source = """
        #include <dirent.h>
        #include <errno.h>
        #include <stdlib.h>
        #include <fcntl.h>
        #include <stdio.h>
        #include <string.h>
        #include <unistd.h>
        #include <sys/mount.h>
        #include <sys/ptrace.h>

        static const char *answer(int result) {
            if (result >= 0) return "ok";
            switch (errno) {
                case EPERM: return "EPERM";
                case EACCES: return "EACCES";
                case ENOENT: return "ENOENT";
                case ENOSYS: return "ENOSYS";
                default: return strerror(errno);
            }
        }

        int main(void) {
            printf("ids=%d:%d\n", (int)geteuid(), (int)getegid());
            FILE *status = fopen("/proc/self/status", "r");
            char line[512];
            while (status != NULL && fgets(line, sizeof line, status) != NULL) {
                static const char *keys[] = { "Uid:", "Gid:", "Groups:", "CapEff:", "CapPrm:", "NoNewPrivs:", "Seccomp:" };
                for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
                    if (strncmp(line, keys[i], strlen(keys[i])) == 0) fputs(line, stdout);
            }
            if (status != NULL) fclose(status);
            DIR *fds = opendir("/proc/self/fd");
            printf("fds=");
            for (struct dirent *e; fds != NULL && (e = readdir(fds)) != NULL;)
                if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(fds)) printf(" %s", e->d_name);
            printf("\n");
            char cwd[4096];
            printf("cwd=%s\n", getcwd(cwd, sizeof cwd) != NULL ? cwd : "?");
            printf("mount=%s\n", answer(mount("none", "/tmp", "tmpfs", 0, NULL)));
            printf("shadow=%s\n", answer(open("/etc/shadow", O_RDONLY)));
            pid_t parent = getppid();
            printf("ptrace=%s\n", answer(ptrace(PTRACE_ATTACH, parent > 1 ? parent : 1, NULL, NULL)));
            fflush(stdout);
            return 0;
        }
        """;

    /// <summary>The value of <paramref name="key"/> (<c>CapEff</c>, <c>mount</c>, ...) in the probe's log, whitespace collapsed.</summary>
    public static string? Value(IEnumerable<string> lines, string key)
    {
        foreach (var line in lines)
        {
            var separator = line.IndexOfAny([':', '=']);
            if (separator > 0 && line[..separator] == key)
            {
                return string.Join(' ', line[(separator + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return null;
    }
}
