// Guest threads: 8 pthreads under a mutex and condition variables, two threads spinning on each other's flag
// (progress needs time slices), a signal sent to one spinning thread, and joins. Deterministic output.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#define WORKERS 8
#define ROUNDS 2000
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started = PTHREAD_COND_INITIALIZER, go = PTHREAD_COND_INITIALIZER;
static int ready, released;
static long counter;
static atomic_int flag_a, flag_b, signalled;
static pid_t tids[WORKERS];

static void* worker(void* arg) {
    long id = (long)arg;
    pthread_mutex_lock(&lock);
    tids[id] = (pid_t)syscall(SYS_gettid);
    ready++;
    pthread_cond_signal(&started);
    while (!released) pthread_cond_wait(&go, &lock);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return (void*)(id * 10);
}

static void* spinner(void* arg) {
    (void)arg;
    while (!atomic_load(&flag_b)) { }
    atomic_store(&flag_a, 1);
    while (!atomic_load(&signalled)) { }
    return 0;
}

static void on_usr1(int sig) { (void)sig; atomic_store(&signalled, 1); }

int main(void) {
    setvbuf(stdout, 0, _IONBF, 0);
    pthread_t threads[WORKERS];
    for (long i = 0; i < WORKERS; i++) pthread_create(&threads[i], 0, worker, (void*)i);
    pthread_mutex_lock(&lock);
    while (ready < WORKERS) pthread_cond_wait(&started, &lock);
    released = 1;
    pthread_cond_broadcast(&go);
    pthread_mutex_unlock(&lock);
    long sum = 0;
    for (int i = 0; i < WORKERS; i++) { void* r; pthread_join(threads[i], &r); sum += (long)r; }
    int distinct = 1;
    for (int i = 0; i < WORKERS; i++) for (int j = 0; j < i; j++) if (tids[i] == tids[j] || tids[i] == getpid()) distinct = 0;
    printf("counter %ld joined %ld distinct-tids %d\n", counter, sum, distinct);

    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, 0);
    pthread_t spin;
    pthread_create(&spin, 0, spinner, 0);
    atomic_store(&flag_b, 1);
    while (!atomic_load(&flag_a)) { }
    pthread_kill(spin, SIGUSR1);
    pthread_join(spin, 0);
    printf("spinners both progressed, signal delivered %d\n", atomic_load(&signalled));
    return 0;
}
