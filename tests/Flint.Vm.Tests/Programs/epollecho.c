// A non-blocking epoll echo server: edge-triggered connections, echoes until each peer closes; exits after argv[1]
// connections have closed. Before serving, it checks what a hostile caller gets from epoll and socket calls.
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int limit = argc > 1 ? atoi(argv[1]) : 1;
    int lfd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in6 addr = { .sin6_family = AF_INET6, .sin6_port = htons(9000) };
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 64)) { perror("listen"); return 1; }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);

    long bad_wait = syscall(SYS_epoll_wait, ep, (void *)0x10, 4, 0) < 0 ? -errno : 0;
    long bad_ctl = syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, 0, (void *)0x10) < 0 ? -errno : 0;
    long bad_accept = syscall(SYS_accept4, lfd, (void *)0x10, (void *)0x10, 0) < 0 ? -errno : 0;
    long dup_add = epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) ? -errno : 0;
    struct sockaddr_in out = { .sin_family = AF_INET, .sin_port = htons(80), .sin_addr.s_addr = htonl(0x01020304) };
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    long refused = connect(cfd, (struct sockaddr *)&out, sizeof out) ? -errno : 0;
    close(cfd);
    printf("hostile %ld %ld %ld %ld %ld\n", bad_wait, bad_ctl, bad_accept, dup_add, refused);
    fflush(stdout);

    int closed = 0;
    struct epoll_event events[16];
    while (closed < limit) {
        int n = epoll_wait(ep, events, 16, -1);
        if (n < 0) { perror("epoll_wait"); return 2; }
        for (int i = 0; i < n; i++) {
            if (events[i].data.u64 == 0x1122334455667788ULL) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    struct epoll_event cev = { .events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.u64 = (unsigned long)c };
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                if (errno != EAGAIN) { perror("accept4"); return 3; }
                continue;
            }
            int c = (int)events[i].data.u64;
            char buf[1024];
            for (;;) {
                ssize_t got = read(c, buf, sizeof buf);
                if (got > 0) {
                    for (ssize_t off = 0; off < got;) {
                        ssize_t put = send(c, buf + off, got - off, MSG_NOSIGNAL);
                        if (put < 0 && errno == EAGAIN) continue;
                        if (put < 0) break;
                        off += put;
                    }
                    continue;
                }
                if (got == 0 || errno != EAGAIN) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, c, NULL);
                    close(c);
                    closed++;
                }
                break;
            }
        }
    }
    printf("closed %d\n", closed);
    return 0;
}
