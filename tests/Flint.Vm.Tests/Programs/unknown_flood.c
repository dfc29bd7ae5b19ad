// Calls argv[1] distinct syscall numbers that no kernel has, then exits 0 if every one failed with ENOSYS.
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 1000, bad = 0;
    for (long i = 0; i < count; i++) {
        if (syscall(100000 + i * 7919) != -1 || errno != ENOSYS) bad++;
    }
    return bad == 0 ? 0 : 1;
}
