/*
 * flint-exec: the exec helper every `process` instance starts through. .NET cannot run code
 * between fork and exec, so the gateway posix_spawns this helper, which sets the function's
 * privileges up and then execs the function in place (same pid):
 *
 *   flint-exec [--uid N --gid N] [--cgroup DIR]... [--hold] -- EXECUTABLE
 *
 *   1. closes every descriptor above 3, then opens EXECUTABLE (O_PATH) while it can still reach it;
 *   2. joins each cgroup DIR (writes its pid to DIR/cgroup.procs);
 *   3. drops supplementary groups, then the gid, then the uid (all of real, effective, saved);
 *   4. PR_SET_PDEATHSIG(SIGKILL), after the credential change (which clears it), and exits when the
 *      gateway thread that spawned it is already gone;
 *   5. PR_SET_NO_NEW_PRIVS, then a seccomp filter that fails with EPERM what a function never needs
 *      (mount, ptrace, kexec, modules, bpf, namespaces, keyrings, clock setting, ...), 32-bit and x32
 *      system calls included;
 *   6. sets LISTEN_PID to its own pid (socket activation) and execs EXECUTABLE with argv[0] = it.
 *
 * With --hold, stdin is a stream socket to the gateway and the helper holds between steps 5 and 6,
 * with the sandbox already entered: it sends one byte to say it holds, then waits for one byte, which
 * means "start now" (stdin becomes /dev/null, then the exec); end-of-file means the start was called
 * off, and it exits with status 0 having run nothing. So the work of entering the sandbox (a cgroup
 * migration waits for an RCU grace period) is done before a request needs the instance.
 *
 * Without --uid/--gid/--cgroup (a gateway that is not root) steps 2 and 3 are skipped; everything
 * else still applies. Any failure prints "flint-exec: <step>: <error>" and exits with status 126.
 * Built by scripts/setup.sh; x86-64 only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_CGROUPS 8

static void fail(const char *step) {
    fprintf(stderr, "flint-exec: %s: %s\n", step, strerror(errno));
    exit(126);
}

static void usage(const char *reason) {
    fprintf(stderr, "flint-exec: %s\nusage: flint-exec [--uid N --gid N] [--cgroup DIR]... [--hold] -- EXECUTABLE\n", reason);
    exit(126);
}

static unsigned parse_id(const char *text) {
    char *end;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno != 0 || *text < '0' || *text > '9' || *end != '\0' || value == 0 || value >= 0xFFFFFFFFUL)
        usage("an id must be a decimal number between 1 and 4294967294");
    return (unsigned)value;
}

static void join_cgroup(const char *directory) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/cgroup.procs", directory) >= (int)sizeof path) usage("cgroup path too long");
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail("open cgroup.procs");
    if (write(fd, "0\n", 2) != 2) fail("join cgroup");
    close(fd);
}

/* Says it holds, then waits for the gateway's go (one byte on stdin, a socket); end-of-file or an error
 * ends the helper quietly. The gateway may have sent its go and closed its end already: no SIGPIPE then. */
static void hold(void) {
    char go = 'h';
    ssize_t n;
    do n = send(0, &go, 1, MSG_NOSIGNAL); while (n < 0 && errno == EINTR);
    do n = read(0, &go, 1); while (n < 0 && errno == EINTR);
    if (n != 1) exit(0);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0) fail("open /dev/null");
    if (dup2(null, 0) != 0) fail("dup2 /dev/null");
    close(null);
}

/* System calls a function never needs; each fails with EPERM. */
static const int denied[] = {
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, SYS_move_mount, SYS_open_tree, SYS_fsopen, SYS_fsconfig,
    SYS_fsmount, SYS_fspick, SYS_mount_setattr, SYS_unshare, SYS_setns, SYS_ptrace, SYS_process_vm_readv,
    SYS_process_vm_writev, SYS_kcmp, SYS_pidfd_getfd, SYS_kexec_load, SYS_kexec_file_load, SYS_init_module,
    SYS_finit_module, SYS_delete_module, SYS_bpf, SYS_perf_event_open, SYS_userfaultfd, SYS_io_uring_setup,
    SYS_io_uring_enter, SYS_io_uring_register, SYS_add_key, SYS_request_key, SYS_keyctl, SYS_swapon, SYS_swapoff,
    SYS_reboot, SYS_acct, SYS_quotactl, SYS_syslog, SYS_iopl, SYS_ioperm, SYS_settimeofday, SYS_clock_settime,
    SYS_clock_adjtime, SYS_adjtimex, SYS_sethostname, SYS_setdomainname, SYS_vhangup, SYS_open_by_handle_at,
    SYS_name_to_handle_at, SYS_lookup_dcookie, SYS_personality, SYS_uselib, SYS__sysctl,
};

/* CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET */
#define NAMESPACE_FLAGS 0x7E020000u

static void install_seccomp(void) {
    enum { denied_count = sizeof denied / sizeof denied[0] };
    struct sock_filter filter[8 + 2 * denied_count + 8];
    unsigned n = 0;
#define STMT(code, k) filter[n++] = (struct sock_filter)BPF_STMT(code, k)
#define JUMP(code, k, t, f) filter[n++] = (struct sock_filter)BPF_JUMP(code, k, t, f)
    const unsigned deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    STMT(BPF_RET | BPF_K, deny);
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1); /* the x32 ABI */
    STMT(BPF_RET | BPF_K, deny);
    for (unsigned i = 0; i < denied_count; i++) {
        JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied[i], 0, 1);
        STMT(BPF_RET | BPF_K, deny);
    }
    /* clone3 passes its flags in memory the filter cannot read: ENOSYS makes libc fall back to clone. */
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
    /* clone: threads and processes, never new namespaces. */
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 3);
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    JUMP(BPF_JMP | BPF_JSET | BPF_K, NAMESPACE_FLAGS, 0, 1);
    STMT(BPF_RET | BPF_K, deny);
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
#undef STMT
#undef JUMP
    struct sock_fprog program = { .len = (unsigned short)n, .filter = filter };
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0) fail("seccomp");
}

int main(int argc, char **argv) {
    const char *cgroups[MAX_CGROUPS];
    int cgroup_count = 0;
    unsigned uid = 0, gid = 0;
    int held = 0;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--hold") == 0) { held = 1; continue; }
        if (i + 1 >= argc) usage("an option lacks its value");
        if (strcmp(argv[i], "--uid") == 0) uid = parse_id(argv[++i]);
        else if (strcmp(argv[i], "--gid") == 0) gid = parse_id(argv[++i]);
        else if (strcmp(argv[i], "--cgroup") == 0) {
            if (cgroup_count == MAX_CGROUPS) usage("too many cgroups");
            cgroups[cgroup_count++] = argv[++i];
        } else usage("unknown option");
    }
    if (i + 2 != argc) usage("expected -- and one executable");
    if ((uid == 0) != (gid == 0)) usage("--uid and --gid go together");
    const char *executable = argv[i + 1];
    pid_t gateway = getppid();

    if (syscall(SYS_close_range, 4, ~0U, 0) != 0) fail("close_range");
    int program = open(executable, O_PATH | O_CLOEXEC);
    if (program < 0) fail("open executable");
    for (int c = 0; c < cgroup_count; c++) join_cgroup(cgroups[c]);
    if (uid != 0) {
        if (setgroups(0, NULL) != 0) fail("setgroups");
        if (setresgid(gid, gid, gid) != 0) fail("setresgid");
        if (setresuid(uid, uid, uid) != 0) fail("setresuid");
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail("PR_SET_PDEATHSIG");
    if (getppid() != gateway) { fputs("flint-exec: the gateway thread exited\n", stderr); return 126; }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS");

    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    if (setenv("LISTEN_PID", pid, 1) != 0) fail("setenv");
    install_seccomp();
    if (held) hold();
    char *const args[] = { (char *)executable, NULL };
    syscall(SYS_execveat, program, "", args, environ, AT_EMPTY_PATH);
    fail("execveat");
}
