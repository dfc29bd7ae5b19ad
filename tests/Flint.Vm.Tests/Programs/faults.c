// Each fault once, caught by a SA_SIGINFO handler that reports what Linux reports (signal, si_code, where
// si_addr points) and jumps back. The output must be the same natively and in every Flint VM.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
static sigjmp_buf back;
static volatile char* expected;
static void on_fault(int sig, siginfo_t* info, void* ucv) {
    ucontext_t* uc = ucv;
    void* rip = (void*)uc->uc_mcontext.gregs[REG_RIP];
    printf("signal %d code %d addr=%s\n", sig, info->si_code,
           info->si_addr == (void*)expected ? "expected" : info->si_addr == rip ? "rip" : info->si_addr == 0 ? "null" : "other");
    siglongjmp(back, 1);
}
int main(void) {
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    for (unsigned i = 0; i < sizeof signals / sizeof *signals; i++) sigaction(signals[i], &sa, 0);
    setvbuf(stdout, 0, _IONBF, 0);

    char* gone = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, 4096);
    expected = gone + 8;
    if (!sigsetjmp(back, 1)) { (void)*(volatile char*)(gone + 8); puts("no fault: unmapped read"); }
    if (!sigsetjmp(back, 1)) { *(volatile char*)(gone + 8) = 1; puts("no fault: unmapped write"); }

    char* ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expected = ro + 16;
    if (!sigsetjmp(back, 1)) { (void)*(volatile char*)(ro + 16); puts("read-only read ok"); }
    if (!sigsetjmp(back, 1)) { *(volatile char*)(ro + 16) = 1; puts("no fault: read-only write"); }

    char* none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expected = none + 24;
    if (!sigsetjmp(back, 1)) { (void)*(volatile char*)(none + 24); puts("no fault: PROT_NONE read"); }

    expected = 0;
    if (!sigsetjmp(back, 1)) { __asm__ volatile("ud2"); puts("no fault: ud2"); }
    if (!sigsetjmp(back, 1)) { __asm__ volatile("xor %%ecx, %%ecx\n div %%ecx" ::: "rax", "rcx", "rdx"); puts("no fault: div"); }
    if (!sigsetjmp(back, 1)) { __asm__ volatile("int3"); puts("no fault: int3"); }
    puts("done");
    return 0;
}
