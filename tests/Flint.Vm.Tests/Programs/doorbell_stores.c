// One odd store to the page the monitor's trap stubs use as a doorbell (argv[1] selects): vector, fxsave, xsave and
// masked stores that KVM cannot emulate there. Each must end the guest with a signal, never the VM with a failure.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int mode = argc > 1 ? atoi(argv[1]) : 0;
    printf("mode %d\n", mode);
    fflush(stdout);
    switch (mode) {
    case 0: __asm__ volatile("mov $0x7ffff000, %%rax; movdqu %%xmm0, (%%rax)" ::: "rax", "memory"); break;
    case 1: __asm__ volatile("mov $0x7ffff000, %%rax; vmovdqu %%ymm0, (%%rax)" ::: "rax", "memory"); break;
    case 2: __asm__ volatile("mov $0x7ffff000, %%rax; fxsave (%%rax)" ::: "rax", "memory"); break;
    case 3: __asm__ volatile("mov $0x7ffff000, %%rax; xsave (%%rax)" :: "a"(-1), "d"(-1) : "memory"); break;
    case 4: __asm__ volatile("mov $0x7ffff000, %%rax; vpxor %%ymm0, %%ymm0, %%ymm0; vpcmpeqd %%ymm1, %%ymm1, %%ymm1; "
                             "vpmaskmovd %%ymm0, %%ymm1, (%%rax)" ::: "rax", "memory"); break;
    }
    printf("survived mode %d\n", mode);
    return 0;
}
