// A guest that attacks the threads, futex, epoll, socket and inotify areas with bad pointers, flags and numbers,
// then starts threads until refused. It prints what each attack returned; the VM must survive it all.
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <unistd.h>

static int forever;

static void *park(void *arg) {
    (void)arg;
    syscall(SYS_futex, &forever, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    return NULL;
}

static long err(long r) { return r < 0 ? -errno : r; }

int main(void) {
    long futex_wait_null = err(syscall(SYS_futex, (void *)0x10, FUTEX_WAIT, 0, NULL, NULL, 0));
    long futex_wake_wild = err(syscall(SYS_futex, (void *)0xffffffffffff0000UL, FUTEX_WAKE, 1, NULL, NULL, 0));
    long futex_misaligned = err(syscall(SYS_futex, (char *)&forever + 1, FUTEX_WAKE, 1, NULL, NULL, 0));
    long futex_bad_op = err(syscall(SYS_futex, &forever, 99, 1, NULL, NULL, 0));
    long futex_bad_timeout = err(syscall(SYS_futex, &forever, FUTEX_WAIT, 0, (void *)0x20, NULL, 0));
    printf("futex %ld %ld %ld %ld %ld\n", futex_wait_null, futex_wake_wild, futex_misaligned, futex_bad_op, futex_bad_timeout);

    int ep = epoll_create1(0);
    long epoll_ctl_bad_event = err(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, 0, (void *)0x30));
    long epoll_wait_bad_buffer = err(syscall(SYS_epoll_wait, ep, (void *)0x40, 4, 0));
    long epoll_wait_huge = err(syscall(SYS_epoll_wait, ep, (void *)0x40, 1 << 30, 0));
    long epoll_ctl_self = err(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, ep, &(struct epoll_event){.events = EPOLLIN}));
    printf("epoll %ld %ld %ld %ld\n", epoll_ctl_bad_event, epoll_wait_bad_buffer, epoll_wait_huge, epoll_ctl_self);

    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in out = {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(0x08080808)};
    long connect_out = err(connect(s, (struct sockaddr *)&out, sizeof out));
    long bind_bad_address = err(syscall(SYS_bind, s, (void *)0x50, 16));
    long accept_bad_fd = err(syscall(SYS_accept4, 12345, NULL, NULL, 0));
    long sendto_wild = err(syscall(SYS_sendto, s, (void *)0xffffffffffff0000UL, 1UL << 40, 0, NULL, 0));
    printf("socket %ld %ld %ld %ld\n", connect_out, bind_bad_address, accept_bad_fd, sendto_wild);

    int in = (int)syscall(SYS_inotify_init1, 0);
    long watch_bad_path = err(syscall(SYS_inotify_add_watch, in, (void *)0x60, 0xfff));
    long watch_no_events = err(syscall(SYS_inotify_add_watch, in, "/", 0));
    printf("inotify %ld %ld\n", watch_bad_path, watch_no_events);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int started = 0, refusal = 0;
    for (int i = 0; i < 200; i++) {
        pthread_t t;
        int r = pthread_create(&t, &attr, park, NULL);
        if (r != 0) { refusal = r; break; }
        started++;
    }
    printf("threads %d %s\n", started, refusal == EAGAIN ? "EAGAIN" : strerror(refusal));
    fflush(stdout);
    _exit(0);
}
