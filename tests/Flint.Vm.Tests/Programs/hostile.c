// A guest that attacks the monitor: wild pointers and lengths in syscalls, privileged instructions, then a wild jump.
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
    long r1 = syscall(SYS_write, 1, (void*)0xffffffffffff0000UL, 1UL << 40);
    long r2 = syscall(SYS_write, 1, (void*)0x10, 16);
    long r3 = syscall(SYS_writev, 1, (void*)0x7fff00000000UL, 1000);
    long r4 = syscall(SYS_uname, (void*)0x1000);
    long r5 = syscall(SYS_rt_sigaction, 11, (void*)0x2000, (void*)0x3000, 8);
    long r6 = syscall(9999);
    printf("results %ld %ld %ld %ld %ld %ld\n", r1, r2, r3, r4, r5, r6);
    fflush(stdout);
    ((void (*)(void))0xdead0000UL)();
    return 0;
}
