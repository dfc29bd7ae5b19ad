// Prints what the guest can learn about where it runs: readlink(/proc/self/exe), argv[0] and its environment.
#include <stdio.h>
#include <unistd.h>
extern char **environ;
int main(int argc, char **argv) {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("exe=%s\nargv0=%s\n", buf, argv[0]);
    for (char **e = environ; *e; e++) printf("env=%s\n", *e);
    return 0;
}
