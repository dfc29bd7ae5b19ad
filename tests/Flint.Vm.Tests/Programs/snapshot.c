// A server with three threads for snapshot tests: the main thread accepts (blocking) on the lent socket, one thread
// waits on a condition variable (a futex) and one in epoll_wait on an eventfd. Each connection sends one command
// and gets one line back: "get" (the state), "inc" (bumps a counter), "wake" (wakes both waiting threads and waits
// until each has counted the wake-up), "quit" (exits 0).
#define _GNU_SOURCE
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kick = PTHREAD_COND_INITIALIZER;
static pthread_cond_t counted = PTHREAD_COND_INITIALIZER;
static int kicks, futex_wakes, epoll_wakes, counter;
static int efd;
static unsigned long long seed;
static char pattern[1 << 20];

static void *futex_waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    for (int seen = 0;; seen++) {
        while (kicks == seen) pthread_cond_wait(&kick, &lock);
        futex_wakes++;
        pthread_cond_broadcast(&counted);
    }
    return NULL;
}

static void *epoll_waiter(void *arg) {
    (void)arg;
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = efd };
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    for (;;) {
        if (epoll_wait(ep, &ev, 1, -1) != 1) continue;
        uint64_t value;
        if (read(efd, &value, sizeof value) != sizeof value) continue;
        pthread_mutex_lock(&lock);
        epoll_wakes++;
        pthread_cond_broadcast(&counted);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static unsigned checksum(void) {
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof pattern; i += 4096) sum = sum * 31 + (unsigned char)pattern[i];
    return sum;
}

int main(void) {
    if (getrandom(&seed, sizeof seed, 0) != sizeof seed) return 1;
    for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (char)(seed >> (i % 56));
    efd = eventfd(0, 0);
    pthread_t a, b;
    pthread_create(&a, NULL, futex_waiter, NULL);
    pthread_create(&b, NULL, epoll_waiter, NULL);
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(8080) };
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 16)) { perror("listen"); return 2; }
    for (;;) {
        int c = accept(lfd, NULL, NULL);
        if (c < 0) { perror("accept"); return 3; }
        char command[16] = { 0 };
        ssize_t n = read(c, command, sizeof command - 1);
        char reply[160];
        pthread_mutex_lock(&lock);
        if (n >= 4 && strncmp(command, "quit", 4) == 0) { write(c, "bye\n", 4); close(c); return 0; }
        if (n >= 3 && strncmp(command, "inc", 3) == 0) { counter++; pattern[4096 * (counter % 256)] ^= 1; }
        if (n >= 4 && strncmp(command, "wake", 4) == 0) {
            int target = futex_wakes + 1, epoll_target = epoll_wakes + 1;
            kicks++;
            pthread_cond_broadcast(&kick);
            uint64_t one = 1;
            write(efd, &one, sizeof one);
            while (futex_wakes < target || epoll_wakes < epoll_target) pthread_cond_wait(&counted, &lock);
        }
        int len = snprintf(reply, sizeof reply, "seed %llx counter %d futex %d epoll %d pattern %x\n",
                           seed, counter, futex_wakes, epoll_wakes, checksum());
        pthread_mutex_unlock(&lock);
        write(c, reply, (size_t)len);
        close(c);
    }
}
