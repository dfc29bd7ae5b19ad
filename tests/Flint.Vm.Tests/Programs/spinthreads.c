// Two threads that spin forever while the main thread waits to join one: only the monitor's stop ends it.
#include <pthread.h>
#include <stdio.h>
static void* spin(void* arg) { (void)arg; for (;;) __asm__ volatile("" ::: "memory"); return 0; }
int main(void) {
    pthread_t t;
    pthread_create(&t, 0, spin, 0);
    pthread_create(&t, 0, spin, 0);
    puts("started");
    fflush(stdout);
    pthread_join(t, 0);
    return 0;
}
