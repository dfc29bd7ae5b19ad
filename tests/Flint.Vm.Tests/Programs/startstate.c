// Prints what a guest starts with besides argv and environ: its current directory and two resource limits.
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>
int main(void) {
    char cwd[4096];
    struct rlimit files, cpu;
    if (!getcwd(cwd, sizeof cwd) || getrlimit(RLIMIT_NOFILE, &files) || getrlimit(RLIMIT_CPU, &cpu)) return 1;
    printf("cwd=%s\nnofile=%llu/%llu\ncpu=%lld/%lld\n", cwd, (unsigned long long)files.rlim_cur, (unsigned long long)files.rlim_max,
           (long long)cpu.rlim_cur, (long long)cpu.rlim_max);
    return 0;
}
