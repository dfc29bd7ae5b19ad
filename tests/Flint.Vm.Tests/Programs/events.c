// eventfd and pipe semantics, printed one result per line, for comparison with the native run.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

static long r(long v) { return v < 0 ? -errno : v; }

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    uint64_t v = 0;
    int e = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    { long n = r(read(e, &v, 8)); printf("eventfd read %ld value %llu\n", n, (unsigned long long)v); }
    printf("eventfd empty %ld\n", r(read(e, &v, 8)));
    v = 5; printf("eventfd write %ld\n", r(write(e, &v, 8)));
    v = 2; printf("eventfd write %ld\n", r(write(e, &v, 8)));
    printf("eventfd short %ld\n", r(read(e, &v, 4)));
    v = UINT64_MAX; printf("eventfd max %ld\n", r(write(e, &v, 8)));
    { long n = r(read(e, &v, 8)); printf("eventfd read %ld value %llu\n", n, (unsigned long long)v); }
    v = UINT64_MAX - 1; printf("eventfd fill %ld\n", r(write(e, &v, 8)));
    v = 1; printf("eventfd full %ld\n", r(write(e, &v, 8)));
    close(e);

    int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    for (int i = 0; i < 3; i++) { v = 0; long n = r(read(s, &v, 8)); printf("semaphore %ld value %llu\n", n, (unsigned long long)v); }
    close(s);

    int p[2];
    printf("pipe2 %ld\n", r(pipe2(p, O_NONBLOCK | O_CLOEXEC)));
    char buf[70000];
    printf("pipe empty %ld\n", r(read(p[0], buf, 10)));
    printf("pipe write %ld\n", r(write(p[1], "hello", 5)));
    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    { long n = r(poll(pf, 2, 0)); printf("poll %ld revents %d %d\n", n, pf[0].revents, pf[1].revents); }
    printf("pipe read %ld\n", r(read(p[0], buf, sizeof buf)));
    memset(buf, 'x', sizeof buf);
    printf("pipe fill %ld\n", r(write(p[1], buf, sizeof buf)));
    printf("pipe full %ld\n", r(write(p[1], buf, 1)));
    printf("pipe drain %ld\n", r(read(p[0], buf, sizeof buf)));
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 }, got[4];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    printf("epoll idle %ld\n", r(epoll_wait(ep, got, 4, 10)));
    close(p[1]);
    int n = epoll_wait(ep, got, 4, 1000);
    printf("epoll hup %d events %u data %llu\n", n, got[0].events, (unsigned long long)got[0].data.u64);
    printf("pipe eof %ld\n", r(read(p[0], buf, 10)));
    close(p[0]);

    printf("pipe %ld\n", r(pipe(p)));
    close(p[0]);
    printf("pipe epipe %ld\n", r(write(p[1], "x", 1)));
    close(p[1]);
    return 0;
}
