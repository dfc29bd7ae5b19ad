// usage: signals segv|fpe|segv-nohandler|fpe-nohandler. Handlers skip the faulting instruction and return.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
static volatile int handled;
static void on_fault(int sig, siginfo_t* info, void* ucv) {
    ucontext_t* uc = ucv;
    printf("caught signal %d addr=%p\n", sig, info->si_addr);
    uc->uc_mcontext.gregs[REG_RIP] += 2;   // both faulting instructions below are 2 bytes long
    handled++;
}
int main(int argc, char** argv) {
    const char* mode = argc > 1 ? argv[1] : "segv";
    if (!strstr(mode, "nohandler")) {
        struct sigaction sa; memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_fault; sa.sa_flags = SA_SIGINFO;
        sigaction(SIGSEGV, &sa, 0); sigaction(SIGFPE, &sa, 0);
    }
    fflush(stdout);
    if (strncmp(mode, "segv", 4) == 0) {
        __asm__ volatile("xor %%ebx, %%ebx\n mov (%%rbx), %%eax\n" ::: "rax", "rbx", "memory");
    } else {
        __asm__ volatile("xor %%ecx, %%ecx\n mov $1, %%eax\n xor %%edx, %%edx\n div %%ecx\n" ::: "rax", "rcx", "rdx");
    }
    printf("recovered, handled=%d\n", handled);
    return 0;
}
