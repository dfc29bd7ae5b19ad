// Reads the synthesized /proc and /sys files and checks that they agree with each other and with the syscalls.
// argv[1]: the VM's memory limit in bytes. Prints one line per check; exits 1 if any failed.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what) {
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok) failures++;
}

static long slurp(const char *path, char *buffer, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    long total = 0, n;
    while ((n = read(fd, buffer + total, size - 1 - total)) > 0) total += n;
    buffer[total] = 0;
    close(fd);
    return total;
}

static int mapped(const char *maps, unsigned long address, const char *perms) {
    for (const char *line = maps; *line; line = strchr(line, '\n') + 1) {
        unsigned long start, end;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &start, &end, p) == 3 && start <= address && address < end)
            return strncmp(p, perms, 3) == 0;
        if (!strchr(line, '\n')) break;
    }
    return 0;
}

int main(int argc, char **argv) {
    static char maps[1 << 16], text[4096];
    unsigned long limit = argc > 1 ? strtoul(argv[1], 0, 10) : 0;
    int local = 0;

    check(slurp("/proc/self/maps", maps, sizeof maps) > 0, "maps readable");
    check(mapped(maps, (unsigned long)&main, "r-x"), "maps has its code r-x");
    check(mapped(maps, (unsigned long)&local, "rw-"), "maps has its stack rw-");
    check(strstr(maps, "[stack]") != 0, "maps names the stack");

    unsigned long total = 0, free_kb = 0;
    slurp("/proc/meminfo", text, sizeof text);
    check(sscanf(text, "MemTotal: %lu kB\nMemFree: %lu kB", &total, &free_kb) == 2, "meminfo parses");
    check(total * 1024 == limit, "meminfo MemTotal is the memory limit");
    struct sysinfo info;
    check(sysinfo(&info) == 0 && info.totalram * info.mem_unit == limit, "sysinfo totalram is the memory limit");
    slurp("/sys/fs/cgroup/memory.max", text, sizeof text);
    check(strtoul(text, 0, 10) == limit, "cgroup memory.max is the memory limit");
    slurp("/sys/fs/cgroup/cpu.max", text, sizeof text);
    check(strncmp(text, "max 100000", 10) == 0 || atoi(text) > 0, "cgroup cpu.max");

    cpu_set_t set;
    CPU_ZERO(&set);
    check(sched_getaffinity(0, sizeof set, &set) == 0, "sched_getaffinity");
    slurp("/sys/devices/system/cpu/online", text, sizeof text);
    int online = strchr(text, '-') ? atoi(strchr(text, '-') + 1) + 1 : 1;
    check(online == CPU_COUNT(&set), "online CPUs match the affinity mask");
    check(sysconf(_SC_NPROCESSORS_ONLN) == online, "sysconf agrees");
    slurp("/sys/devices/system/cpu/possible", text, sizeof text);
    check(text[0] == '0', "possible CPUs");

    check(slurp("/proc/self/cgroup", text, sizeof text) > 0 && strcmp(text, "0::/\n") == 0, "cgroup is the root");
    check(slurp("/proc/self/mountinfo", text, sizeof text) > 0 && strstr(text, " / / ") != 0, "mountinfo has the root");
    struct statfs fs;
    check(statfs("/sys/fs/cgroup", &fs) == 0 && fs.f_type == 0x63677270, "cgroup2 file system");
    check(slurp("/proc/self/status", text, sizeof text) > 0 && strstr(text, "Pid:") != 0, "status");
    check(slurp("/proc/stat", text, sizeof text) > 0 && strncmp(text, "cpu ", 4) == 0, "stat");

    char name[16] = {0};
    check(prctl(PR_SET_NAME, "worker") == 0 && prctl(PR_GET_NAME, name) == 0 && strcmp(name, "worker") == 0, "prctl name");
    check(slurp("/proc/self/comm", text, sizeof text) > 0 && strcmp(text, "worker\n") == 0, "comm follows prctl");

    char exe[256];
    long n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    check(n > 0 && exe[0] == '/', "exe is absolute");

    unsigned char random[32] = {0}, zero[32];
    memset(zero, 0, sizeof zero);
    check(slurp("/dev/null", text, sizeof text) == 0, "/dev/null is empty");
    int fd = open("/dev/urandom", O_RDONLY);
    check(fd >= 0 && read(fd, random, sizeof random) == sizeof random && memcmp(random, zero, sizeof zero) != 0, "/dev/urandom");
    close(fd);
    check(open("/proc/cpuinfo", O_RDONLY) < 0, "other /proc files do not exist");
    check(open("/proc/self/maps", O_WRONLY) < 0, "synthesized files are read-only");
    return failures ? 1 : 0;
}
