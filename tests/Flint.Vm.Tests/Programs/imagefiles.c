// Reads image files: stat, lseek, pread, readv, getdents64, dup, fcntl, openat with a dirfd, a relative symlink.
// argv[1]: the directory holding the files ("/" in the VM). With "ro" as argv[2], also checks the read-only VM world.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long result) { printf("%s %ld errno %d\n", what, result, result < 0 ? errno : 0); }

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    char buffer[256], cwd[256];
    if (argc < 2 || chdir(argv[1]) != 0) return 2;
    int fd = open("data.txt", O_RDONLY | O_CLOEXEC);
    struct stat st;
    fstat(fd, &st);
    printf("size %ld regular %d\n", (long)st.st_size, S_ISREG(st.st_mode));
    struct statx stx;
    int statx_result = statx(AT_FDCWD, "data.txt", 0, STATX_BASIC_STATS, &stx);
    printf("statx %d size %lld regular %d\n", statx_result, (long long)stx.stx_size, S_ISREG(stx.stx_mode));
    long n = read(fd, buffer, 5);
    printf("read %ld '%.5s'\n", n, buffer);
    printf("seek end %ld\n", (long)lseek(fd, 0, SEEK_END));
    printf("seek cur %ld\n", (long)lseek(fd, -4, SEEK_CUR));
    n = read(fd, buffer, sizeof buffer);
    printf("tail %ld '%.*s'\n", n, (int)n, buffer);
    n = pread(fd, buffer, 6, 10);
    printf("pread %ld '%.6s' pos %ld\n", n, buffer, (long)lseek(fd, 0, SEEK_CUR));
    char a[3], b[4];
    struct iovec iov[2] = {{a, 3}, {b, 4}};
    lseek(fd, 0, SEEK_SET);
    n = readv(fd, iov, 2);
    printf("readv %ld '%.3s' '%.4s'\n", n, a, b);
    show("seek negative", (long)lseek(fd, -100, SEEK_SET));

    printf("getfd %d getfl 0x%x\n", fcntl(fd, F_GETFD), fcntl(fd, F_GETFL));
    int copy = dup(fd);
    printf("dup shares position %ld getfd %d\n", (long)lseek(copy, 0, SEEK_CUR), fcntl(copy, F_GETFD));
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    printf("dupfd %d getfd %d\n", high, fcntl(high, F_GETFD));
    int third = dup3(fd, 60, O_CLOEXEC);
    printf("dup3 %d getfd %d\n", third, fcntl(60, F_GETFD));
    printf("dup2 same %d\n", dup2(fd, fd));
    fcntl(fd, F_SETFD, 0);
    printf("setfd %d\n", fcntl(fd, F_GETFD));
    close(copy); close(high); close(60);
    show("closed read", (long)read(copy, buffer, 1));

    int dir = open("sub", O_RDONLY | O_DIRECTORY);
    char *names[16];
    int count = 0;
    char entries[1024];
    long got;
    while ((got = syscall(SYS_getdents64, dir, entries, sizeof entries)) > 0)
        for (long offset = 0; offset < got;) {
            struct dirent64 *entry = (struct dirent64 *)(entries + offset);
            names[count++] = strdup(entry->d_name);
            offset += entry->d_reclen;
        }
    qsort(names, count, sizeof *names, compare);
    for (int i = 0; i < count; i++) printf("entry %s\n", names[i]);
    int inner = openat(dir, "inner.txt", O_RDONLY);
    n = read(inner, buffer, sizeof buffer);
    printf("openat %ld '%.*s'\n", n, (int)n, buffer);
    show("notdir", open("data.txt", O_RDONLY | O_DIRECTORY));
    show("missing", open("sub/none", O_RDONLY));
    show("through file", open("data.txt/x", O_RDONLY));
    n = readlink("link", buffer, sizeof buffer);
    printf("readlink %ld '%.*s'\n", n, (int)n, buffer);
    fd = open("link", O_RDONLY);
    n = read(fd, buffer, 5);
    printf("through link %ld '%.5s'\n", n, buffer);
    show("nofollow", open("link", O_RDONLY | O_NOFOLLOW));
    printf("lstat link %d\n", lstat("link", &st) == 0 && S_ISLNK(st.st_mode));
    printf("access %d %d\n", access("data.txt", R_OK), access("sub", X_OK));
    chdir("sub");
    printf("chdir back %d\n", chdir(".."));
    printf("fchdir %d\n", fchdir(dir));
    printf("relative after fchdir %d\n", access("inner.txt", F_OK));

    if (argc > 2 && strcmp(argv[2], "ro") == 0) {
        printf("cwd %s\n", getcwd(cwd, sizeof cwd));
        show("read dir", (long)read(dir, buffer, 1));
        show("write open", open("/data.txt", O_WRONLY));
        show("create", open("/new.txt", O_CREAT | O_WRONLY, 0644));
        printf("escape %d\n", access("/../../../../data.txt", F_OK));
        show("escape link", open("/escape", O_RDONLY));
        printf("dev null write %ld\n", (long)write(open("/dev/null", O_WRONLY), "x", 1));
    }
    return 0;
}
