/*
 * flint-launch PARENT-PID PROGRAM: how the process runtime starts a function, in one exec.
 * Asks for SIGKILL when the thread that spawned it exits (PR_SET_PDEATHSIG), so a host killed
 * outright takes its instances with it; sets LISTEN_PID to its own pid (socket activation); then
 * execs the function, which keeps that pid. PARENT-PID is the host's pid: if the host died before
 * the signal was asked for, none would ever come, so the launcher gives up instead.
 * Static, so that starting it costs no dynamic loading.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: flint-launch PARENT-PID PROGRAM [ARGUMENT...]\n", stderr);
        return 127;
    }

    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        fprintf(stderr, "flint-launch: PR_SET_PDEATHSIG failed: %s\n", strerror(errno));
        return 127;
    }

    if (getppid() != (pid_t)strtol(argv[1], NULL, 10)) {
        return 127;
    }

    char pid[24];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    if (setenv("LISTEN_PID", pid, 1) != 0) {
        fprintf(stderr, "flint-launch: cannot set LISTEN_PID: %s\n", strerror(errno));
        return 127;
    }

    execv(argv[2], argv + 2);
    fprintf(stderr, "flint-launch: cannot run %s: %s\n", argv[2], strerror(errno));
    return 127;
}
