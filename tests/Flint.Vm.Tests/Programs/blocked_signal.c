// Sends SIGUSR1 to itself three ways (raise, kill, tgkill) while it is blocked, twice each: it must stay
// pending until unblocked, then arrive once (a standard signal does not queue).
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t delivered;

static void on_usr1(int sig) { (void)sig; delivered++; }

static void mask(int how) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(how, &set, NULL);
}

static void send(int way) {
    if (way == 0) raise(SIGUSR1);
    else if (way == 1) kill(getpid(), SIGUSR1);
    else syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
}

int main(void) {
    static const char *const ways[] = {"raise", "kill", "tgkill"};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    for (int way = 0; way < 3; way++) {
        delivered = 0;
        send(way);
        printf("%s unblocked: delivered %d\n", ways[way], (int)delivered);
        delivered = 0;
        mask(SIG_BLOCK);
        send(way);
        send(way);
        printf("%s while blocked: delivered %d\n", ways[way], (int)delivered);
        mask(SIG_UNBLOCK);
        printf("%s after unblock: delivered %d\n", ways[way], (int)delivered);
    }
    return 0;
}
