// The error paths of the signal, identity, futex and clock syscalls, as "name result" lines (result: the
// return value, or -errno). Every line must read the same natively and in a Flint VM, except "rseq", which
// Flint refuses with ENOSYS so that the C library runs without it.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 0x3ffffff0  // beyond any pid_max: no such process or thread
#define SHOW(name, call) do { long r_ = (long)(call); printf("%s %ld\n", name, r_ == -1 ? -(long)errno : r_); } while (0)

static char alternate[64 * 1024];
static volatile long on_stack_flags = -1, change_on_stack = -1, disable_on_stack = -1;

static long result(long r) { return r == -1 ? -(long)errno : r; }

static void on_usr2(int sig) {
    (void)sig;
    stack_t old, other = {.ss_sp = alternate, .ss_size = sizeof alternate};
    stack_t disable = {.ss_flags = SS_DISABLE};
    on_stack_flags = sigaltstack(NULL, &old) == 0 ? old.ss_flags : -errno;
    change_on_stack = result(sigaltstack(&other, NULL));
    disable_on_stack = result(sigaltstack(&disable, NULL));
}

// Natively, even root must be refused a raised hard limit, as the VM's unprivileged user is: drop
// CAP_SYS_RESOURCE from the effective set (in a VM, capget/capset fail and nothing changes).
static void drop_sys_resource(void) {
    struct { uint32_t version; int pid; } header = {0x20080522, 0};
    struct { uint32_t effective, permitted, inheritable; } data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &header, data) == 0) {
        data[0].effective &= ~(1u << 24);
        syscall(SYS_capset, &header, data);
    }
}

int main(void) {
    pid_t pid = getpid(), tid = gettid();

    SHOW("kill nobody", kill(NOBODY, SIGUSR1));
    SHOW("kill nobody signal 65", kill(NOBODY, 65));
    SHOW("kill self signal 65", kill(pid, 65));
    SHOW("kill self signal -1", syscall(SYS_kill, pid, -1));
    SHOW("kill self probe", kill(pid, 0));
    SHOW("kill group probe", kill(0, 0));

    SHOW("tgkill nobody's thread", syscall(SYS_tgkill, NOBODY, tid, SIGUSR1));
    SHOW("tgkill no such thread", syscall(SYS_tgkill, pid, NOBODY, SIGUSR1));
    SHOW("tgkill signal 65", syscall(SYS_tgkill, pid, tid, 65));
    SHOW("tgkill group 0", syscall(SYS_tgkill, 0, tid, SIGUSR1));
    SHOW("tgkill group -1", syscall(SYS_tgkill, -1, tid, SIGUSR1));
    SHOW("tgkill thread 0", syscall(SYS_tgkill, pid, 0, SIGUSR1));
    SHOW("tgkill thread -1", syscall(SYS_tgkill, pid, -1, SIGUSR1));
    SHOW("tgkill self probe", syscall(SYS_tgkill, pid, tid, 0));
    SHOW("tkill nobody", syscall(SYS_tkill, NOBODY, SIGUSR1));
    SHOW("tkill thread 0", syscall(SYS_tkill, 0, SIGUSR1));
    SHOW("tkill signal 65", syscall(SYS_tkill, tid, 65));

    stack_t query, small = {.ss_sp = alternate, .ss_size = 1024}, odd = {.ss_sp = alternate, .ss_size = sizeof alternate, .ss_flags = 0x1234};
    SHOW("sigaltstack query", sigaltstack(NULL, &query));
    printf("sigaltstack initial flags %d\n", query.ss_flags);
    SHOW("sigaltstack too small", sigaltstack(&small, NULL));
    SHOW("sigaltstack bad flags", sigaltstack(&odd, NULL));
    stack_t good = {.ss_sp = alternate, .ss_size = sizeof alternate};
    SHOW("sigaltstack set", sigaltstack(&good, NULL));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    syscall(SYS_tgkill, pid, tid, SIGUSR2);
    printf("sigaltstack flags on it %ld\n", on_stack_flags);
    printf("sigaltstack change on it %ld\n", change_on_stack);
    printf("sigaltstack disable on it %ld\n", disable_on_stack);
    SHOW("sigaltstack query after", sigaltstack(NULL, &query));
    printf("sigaltstack flags after %d\n", query.ss_flags);

    drop_sys_resource();
    struct rlimit limit, inverted = {.rlim_cur = 100, .rlim_max = 50}, lowered = {.rlim_cur = 64, .rlim_max = 128}, raised = {.rlim_cur = 64, .rlim_max = 256};
    SHOW("prlimit nobody", prlimit(NOBODY, RLIMIT_NOFILE, NULL, &limit));
    SHOW("prlimit resource 16", syscall(SYS_prlimit64, 0, 16, NULL, &limit));
    SHOW("getrlimit resource 99", syscall(SYS_getrlimit, 99, &limit));
    SHOW("prlimit soft above hard", prlimit(0, RLIMIT_NOFILE, &inverted, NULL));
    SHOW("prlimit lower", prlimit(0, RLIMIT_NOFILE, &lowered, NULL));
    SHOW("prlimit raise hard", prlimit(0, RLIMIT_NOFILE, &raised, NULL));
    SHOW("prlimit read back", prlimit(pid, RLIMIT_NOFILE, NULL, &limit));
    printf("prlimit now %lu %lu\n", (unsigned long)limit.rlim_cur, (unsigned long)limit.rlim_max);

    static uint32_t word;
    SHOW("futex fd", syscall(SYS_futex, &word, 2, 0, NULL, NULL, 0));
    SHOW("futex op 14", syscall(SYS_futex, &word, 14, 0, NULL, NULL, 0));
    SHOW("futex op 99", syscall(SYS_futex, &word, 99, 0, NULL, NULL, 0));
    SHOW("futex op 99 private", syscall(SYS_futex, &word, 99 | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0));
    SHOW("futex op 99 misaligned", syscall(SYS_futex, (char *)&word + 1, 99, 0, NULL, NULL, 0));
    SHOW("futex op 99 unmapped", syscall(SYS_futex, (uint32_t *)8, 99, 0, NULL, NULL, 0));
    SHOW("futex wake misaligned", syscall(SYS_futex, (char *)&word + 1, FUTEX_WAKE, 1, NULL, NULL, 0));
    SHOW("futex wake realtime", syscall(SYS_futex, &word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    SHOW("futex wait realtime", syscall(SYS_futex, &word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));

    static int cleared;
    printf("set_tid_address is gettid %d\n", syscall(SYS_set_tid_address, &cleared) == tid);
    static long robust[3];
    SHOW("set_robust_list", syscall(SYS_set_robust_list, robust, 24));
    SHOW("set_robust_list bad size", syscall(SYS_set_robust_list, robust, 23));
    SHOW("rseq", syscall(SYS_rseq, NULL, 0, 0x1234, 0));

    static const struct { const char *name; clockid_t id; } clocks[] = {
        {"realtime", CLOCK_REALTIME}, {"monotonic", CLOCK_MONOTONIC}, {"process", CLOCK_PROCESS_CPUTIME_ID},
        {"thread", CLOCK_THREAD_CPUTIME_ID}, {"raw", CLOCK_MONOTONIC_RAW}, {"boottime", CLOCK_BOOTTIME},
    };
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct timespec res = {-1, -1};
        long r = result(syscall(SYS_clock_getres, clocks[i].id, &res));
        printf("clock_getres %s %ld %ld.%09ld\n", clocks[i].name, r, (long)res.tv_sec, res.tv_nsec);
    }
    SHOW("clock_getres no result", syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
    SHOW("clock_getres clock 10", syscall(SYS_clock_getres, 10, NULL));
    SHOW("clock_getres clock 99", syscall(SYS_clock_getres, 99, NULL));
    return 0;
}
