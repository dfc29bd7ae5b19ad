// A hostile guest that fuzzes the monitor's guest interface: seeded random syscalls (numbers in and out of the
// table, wild and boundary pointers, huge lengths, random flags, signals to itself, random sigactions) mixed with
// faults its own handlers catch (bad loads and stores, ud2, int3, divide by zero, privileged instructions, stores
// to the doorbell page, single-stepping). Only raw syscalls after start-up: no errno, no stdio, no malloc.
//
// usage: fuzz SEED CALLS [END]
// Prints "fuzz seed=S calls=N signals=G faults=F\n" after CALLS random syscalls, then ends as END says:
//   exit (default)    exit_group(0)
//   block-<what>      blocks for ever (pipe, futex, epoll, poll, inotify, yield): the monitor's limit must end it
//   die-<how>         dies: segv (no handler), wild-handler, wild-stack, kill
// Exit 3 with a line "unexpected ..." when a fault the guest did not provoke reaches its handler: the monitor
// changed memory or registers it must not touch.
//
// What it leaves alone, so that the run goes on to CALLS: its own image, break, TLS and stack are never passed
// as a pointer or given to munmap/mprotect/mmap(MAP_FIXED)/madvise/brk; stdout moves to fd 255, which is
// neither written, closed nor replaced (fds 1 and 2 become /dev/null); exit, exit_group, execve, rt_sigreturn and the calls that sleep by design are never drawn;
// a call that could block gets a non-blocking fd, MSG_DONTWAIT or a zero timeout; SIGKILL and SIGSTOP are
// never sent; handlers, signal mask, alternate stack and FS base are put back after a call that changes them.
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

typedef unsigned long u64;
#define REPORT_FD 255  // stdout, moved out of the way: 1 and 2 are /dev/null while the guest fuzzes
#define SA_RESTORER 0x04000000

long fz_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6);
__asm__(
    ".text\n.globl fz_syscall\nfz_syscall:\n"
    "  push %rbx\n"
    "  mov %rdi, %rbx\n"
    "  mov %rdi, %rax\n  mov %rsi, %rdi\n  mov %rdx, %rsi\n  mov %rcx, %rdx\n"
    "  mov %r8, %r10\n  mov %r9, %r8\n  mov 16(%rsp), %r9\n"
    "  syscall\n"
    "  test %rax, %rax\n  jnz 1f\n"
    // A thread clone or clone3 made: it leaves at once, touching no stack.
    "  cmp $56, %rbx\n  je 2f\n  cmp $435, %rbx\n  je 2f\n"
    "1: pop %rbx\n  ret\n"
    "2: mov $60, %eax\n  xor %edi, %edi\n  syscall\n  ud2\n");

void fz_restorer(void);
__asm__(".text\n.globl fz_restorer\nfz_restorer:\n  mov $15, %eax\n  syscall\n  ud2\n");

#define SYS(n, a, b, c, d, e, f) fz_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

// ---- output ----
static void put(const char* s) {
    long n = 0;
    while (s[n]) n++;
    SYS(1, REPORT_FD, s, n, 0, 0, 0);
}
static void put_num(const char* label, u64 v) {
    char buf[64];
    int i = 63;
    buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    put(label);
    put(buf + i);
}
static void put_hex(const char* label, u64 v) {
    char buf[64];
    int i = 63;
    buf[i] = 0;
    do { buf[--i] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    buf[--i] = 'x'; buf[--i] = '0';
    put(label);
    put(buf + i);
}

// ---- random ----
static u64 rng;
static u64 next(void) {
    u64 z = (rng += 0x9e3779b97f4a7c15UL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
    return z ^ (z >> 31);
}
static u64 below(u64 n) { return next() % n; }

// ---- the guest's own state ----
#define ARENA_PAGES 16
#define PAGE 4096UL
static u64 arena, arena_end;           // ARENA_PAGES read-write pages between two PROT_NONE guard pages
static u64 own_lo, own_hi;             // image, break and TLS: never handed out
static u64 stack_lo, stack_hi;         // the main stack: never handed out
static u64 fs_base;
static volatile u64 fault_resume;      // where a provoked fault continues
static volatile u64 signals, faults;
static char altstack[16384] __attribute__((aligned(16)));
static struct { long sec, nsec; } zero_time;  // timeouts only, set before each use
#define LONG_PATH_OFFSET (8 * PAGE)               // a 6000-byte path in the arena, written by housekeeping
static const char* const paths[] = {
    "/", ".", "..", "/proc/self/maps", "/proc/self/exe", "/proc/self/status", "/proc/meminfo", "/dev/zero",
    "/dev/null", "/dev/urandom", "/sys/fs/cgroup/memory.max", "/sys/devices/system/cpu/online", "/nonexistent",
    "/proc/self/fd/0", "/proc/1/maps", "/../../etc/passwd", "", "/fuzz", "/proc/self/cwd", "/dev/../proc/self/exe",
};

struct kaction { u64 handler, flags, restorer, mask; };
static void on_signal(int sig, siginfo_t* info, void* ucv);

static int synchronous(int sig) { return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP; }

static void install_handlers(void) {
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        struct kaction act = { (u64)on_signal, SA_SIGINFO | SA_NODEFER | SA_RESTORER | (sig & 1 ? SA_ONSTACK : 0), (u64)fz_restorer, 0 };
        SYS(13, sig, &act, 0, 8, 0, 0);
    }
}
static void reset_signal_state(void) {
    u64 none = 0;
    SYS(14, SIG_SETMASK, &none, 0, 8, 0, 0);
    struct { u64 sp; int flags; u64 size; } ss = { (u64)altstack, 0, sizeof altstack };
    SYS(131, &ss, 0, 0, 0, 0, 0);
}
static void unblock_synchronous(void) {
    u64 set = (1UL << (SIGSEGV - 1)) | (1UL << (SIGBUS - 1)) | (1UL << (SIGFPE - 1)) | (1UL << (SIGILL - 1)) | (1UL << (SIGTRAP - 1));
    SYS(14, SIG_UNBLOCK, &set, 0, 8, 0, 0);
}

static void on_signal(int sig, siginfo_t* info, void* ucv) {
    ucontext_t* uc = ucv;
    signals++;
    if (sig == SIGTRAP) uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;  // single-step off
    if (!synchronous(sig) || info->si_code <= 0) return;            // sent by kill/tgkill: nothing to repair
    if (fault_resume) {
        uc->uc_mcontext.gregs[REG_RIP] = (long)fault_resume;
        fault_resume = 0;
        faults++;
        return;
    }
    if (sig == SIGTRAP) return;  // a trap after single-stepping ended: rip is already past it
    put_num("unexpected signal ", (u64)sig);
    put_num(" code ", (u64)(long)info->si_code);
    put_hex(" rip ", (u64)uc->uc_mcontext.gregs[REG_RIP]);
    put_hex(" addr ", (u64)info->si_addr);
    put("\n");
    SYS(231, 3, 0, 0, 0, 0, 0);
}

// ---- arguments ----
static u64 arena_pointer(void) {
    switch (below(8)) {
    case 0: return arena;
    case 1: return arena_end - 1 - below(64);      // straddles into the guard page
    case 2: return arena - 1 - below(64);          // starts in the guard page below
    case 3: return arena_end;                      // the guard page above
    case 4: return arena + PAGE * below(ARENA_PAGES) + PAGE - 1 - below(16);  // straddles a page boundary
    default: return arena + below(arena_end - arena - 64);
    }
}
static u64 wild_pointer(void) {
    static const u64 wild[] = {
        0, 1, 8, 0xfff, 0x1000, 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7ff8, 0x8000, 0xfff8, 0x10000,
        0x100000, 0x101000, 0x3ffff0, 0x400000, 0x400100, 0x7ffff000, 0x7fffeff8, 0x7ffff008, 0x80000000,
        0x7fffffff000, 0x7ffffffff000, 0x7fffffffffff, 0x800000000000, 0xffff800000000000, 0xffffffffff600000,
        0xfffffffffffff000, 0xffffffffffffffff, 0x7f0000000000, 0x7ffff7dd0000, 0x555555554000, 0x7ffc00000000,
        (u64)-4095, 0xdead0000,
    };
    u64 p = wild[below(sizeof wild / sizeof *wild)];
    return below(4) ? p : p + below(8192);
}
static int overlaps(u64 p, u64 len, u64 lo, u64 hi) {
    u64 end = p + (len ? len : 1);
    if (end < p) end = ~0UL;
    return p < hi && end > lo;
}
static int own(u64 p, u64 len) { return overlaps(p, len, own_lo, own_hi) || overlaps(p, len, stack_lo, stack_hi); }
/// For calls that change mappings: the guard pages around the arena count as the guest's own too.
static int kept(u64 p, u64 len) { return own(p, len) || overlaps(p, len, arena - PAGE, arena) || overlaps(p, len, arena_end, arena_end + PAGE); }
static u64 pointer(void) {
    for (;;) {
        u64 p;
        switch (below(10)) {
        case 0: case 1: case 2: case 3: p = arena_pointer(); break;
        case 4: p = (u64)paths[below(sizeof paths / sizeof *paths)]; return p;  // read-only strings in the image
        case 5: return arena + LONG_PATH_OFFSET;
        default: p = wild_pointer(); break;
        }
        if (!own(p, 64)) return p;
    }
}
static u64 length(void) {
    static const u64 lengths[] = {
        0, 1, 7, 8, 16, 64, 4095, 4096, 4097, 65536, 1UL << 20, 1UL << 31, 1UL << 32, 0x7fffffff, 0x80000000,
        0xffffffff, 1UL << 63, ~0UL, (u64)-4096, ARENA_PAGES * PAGE,
    };
    return below(3) ? lengths[below(sizeof lengths / sizeof *lengths)] : below(8192);
}
static u64 value(void) {
    switch (below(8)) {
    case 0: return below(16);                        // small numbers, fds, commands
    case 1: return below(70);                        // signal numbers, fds
    case 2: return (u64)-1 - below(2);               // -1, -2
    case 3: return pointer();
    case 4: return length();
    case 5: return 1UL << below(64);                 // one flag
    case 6: return (uint32_t)next();                 // random 32-bit flags
    default: return next();
    }
}

/// A value that passes a handler's first checks more often: an open fd, a pointer with room behind it, a path,
/// a length that fits, zero, one flag.
static u64 sane_value(void) {
    switch (below(6)) {
    case 0: return below(12);
    case 1: return arena + 8 * below((arena_end - arena - 2 * PAGE) / 8);
    case 2: return below(4) ? (u64)paths[below(sizeof paths / sizeof *paths)] : arena + LONG_PATH_OFFSET;
    case 3: return below(PAGE + 1);
    case 4: return 0;
    default: return below(2) ? 1UL << below(24) : below(64);
    }
}

/// What each argument of the common calls is, for sane values: f fd, p pointer, s path, l length, x flags,
/// i small number, d -100 (AT_FDCWD) or an fd; anything else a sane value of any kind.
static const struct { short n; const char* kinds; } shapes[] = {
    {0, "fpl"}, {1, "fpl"}, {2, "sxi"}, {3, "f"}, {4, "sp"}, {5, "fp"}, {6, "sp"}, {7, "pii"}, {8, "fli"},
    {9, "plxxfl"}, {10, "plx"}, {11, "pl"}, {12, "p"}, {13, "ipp8"}, {14, "ipp8"}, {16, "fxp"}, {17, "fpll"},
    {19, "fpi"}, {20, "fpi"}, {21, "si"}, {22, "p"}, {28, "pli"}, {32, "f"}, {33, "ff"}, {41, "iii"},
    {42, "fpl"}, {43, "fpp"}, {44, "fplxpl"}, {45, "fplxpp"}, {46, "fpx"}, {47, "fpx"}, {48, "fi"},
    {49, "fpl"}, {50, "fi"}, {51, "fpp"}, {52, "fpp"}, {54, "fiipl"}, {55, "fiipp"}, {63, "p"}, {72, "fix"},
    {79, "pl"}, {80, "s"}, {81, "f"}, {89, "spl"}, {96, "pp"}, {97, "ip"}, {98, "ip"}, {99, "p"},
    {131, "pp"}, {137, "sp"}, {138, "fp"}, {157, "iplll"}, {158, "ip"}, {201, "p"}, {202, "pxipp"},
    {204, "ilp"}, {213, "i"}, {217, "fpl"}, {228, "ip"}, {229, "ip"}, {232, "fpii"}, {233, "fifp"},
    {253, ""}, {254, "fsx"}, {255, "fi"}, {257, "dsxi"}, {262, "dspx"}, {267, "dspl"}, {269, "dsix"},
    {271, "pipp8"}, {281, "fpiip8"}, {284, "i"}, {288, "fppx"}, {290, "ix"}, {291, "x"}, {292, "ffx"},
    {293, "px"}, {294, "x"}, {295, "fpil"}, {302, "iipp"}, {309, "ppp"}, {318, "plx"}, {332, "dsxxp"},
    {435, "pl"}, {439, "dsix"}, {441, "fpipp8"},
};
static u64 shaped(char kind) {
    switch (kind) {
    case 'f': return below(12);
    case 'd': return below(2) ? (u64)-100 : below(12);
    case 'p': return arena + 8 * below((arena_end - arena - 2 * PAGE) / 8);
    case 's': return below(4) ? (u64)paths[below(sizeof paths / sizeof *paths)] : arena + LONG_PATH_OFFSET;
    case 'l': return below(PAGE + 1);
    case 'x': return below(2) ? 0 : 1UL << below(24);
    case 'i': return below(8);
    case '8': return 8;
    default: return sane_value();
    }
}

// ---- syscall numbers ----
static const short known[] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 20, 21, 22, 24, 28, 32, 33, 39, 41, 42, 43,
    44, 45, 46, 47, 48, 49, 50, 51, 52, 54, 55, 56, 62, 63, 72, 79, 80, 81, 89, 96, 97, 98, 99, 102, 104, 107,
    108, 110, 131, 137, 138, 149, 150, 151, 152, 157, 158, 186, 200, 201, 202, 203, 204, 213, 217, 218, 228,
    229, 232, 233, 234, 238, 239, 253, 254, 255, 257, 262, 267, 269, 271, 273, 281, 284, 288, 290, 291, 292,
    293, 294, 295, 302, 309, 318, 324, 325, 332, 334, 435, 439, 441,
};
static int excluded(u64 n) {
    switch (n) {
    case 15:                      // rt_sigreturn: would restore a frame that is not there
    case 34: case 35: case 128: case 130: case 230: case 23: case 270:  // sleep or wait by design
    case 61: case 247: case 57: case 58:  // wait4, waitid, fork, vfork
    case 37: case 38:             // alarm, setitimer
    case 129: case 297: case 424: // signals with a made-up siginfo: could pass for a fault
    case 59: case 322: case 60: case 231:  // execve, execveat, exit, exit_group: only at the end
        return 1;
    default:
        return 0;
    }
}
static u64 number(void) {
    u64 n;
    do {
        switch (below(10)) {
        case 0: case 1: n = below(512); break;
        case 2: n = below(4) ? 512 + below(1024) : next(); break;
        default: n = (u64)known[below(sizeof known / sizeof *known)]; break;
        }
    } while (excluded(n));
    return n;
}

static void nonblocking(long fd) {
    long flags = SYS(72, fd, 3 /* F_GETFL */, 0, 0, 0, 0);
    if (flags >= 0) SYS(72, fd, 4 /* F_SETFL */, flags | 04000 /* O_NONBLOCK */, 0, 0, 0);
}
/// A zero timeout, or a pointer the monitor cannot read (a readable wild one could hold any timeout at all).
static u64 short_timeout(void) {
    static const u64 unreadable[] = { 0x10, 0x100000, 0x7ffff000, 0x80000000, 0x800000000000, 0xfffffffffffff000 };
    zero_time.sec = 0;
    zero_time.nsec = 0;
    return below(8) ? (u64)&zero_time : below(4) ? arena_end : unreadable[below(sizeof unreadable / sizeof *unreadable)];
}
static int stops_or_kills(u64 sig) { return (int)sig == SIGKILL || (int)sig == SIGSTOP; }

/// Keeps a drawn call from ending, blocking or wrecking the run; see the header.
static void tame(u64 n, u64* a) {
    switch (n) {
    case 0: case 17: case 19: case 295: case 43: case 288: case 42: nonblocking((long)a[0]); break;
    case 1: case 20: if (a[0] == REPORT_FD) a[0] = 1000; nonblocking((long)a[0]); break;
    case 44: case 46: if (a[0] == REPORT_FD) a[0] = 1000; nonblocking((long)a[0]); a[3] |= 0x40; break;
    case 45: case 47: nonblocking((long)a[0]); a[3] |= 0x40 /* MSG_DONTWAIT */; break;
    case 3: if (a[0] == REPORT_FD) a[0] = 1000; break;
    case 33: case 292: if (a[1] == REPORT_FD) a[1] = 1000; break;
    case 72: if (a[0] == REPORT_FD) a[0] = 1000; break;
    case 7: a[2] = below(2); break;
    case 232: case 281: a[3] = below(2); break;
    case 271: case 441: a[2 + (n == 441)] = short_timeout(); break;
    case 202: {
        u64 op = a[1] & 0x7f;
        if (op == 0 || op == 9 || op == 6 || op == 11 || op == 13) a[3] = short_timeout();
        break;
    }
    case 62: if (below(2)) a[0] = (u64)SYS(39, 0, 0, 0, 0, 0, 0); if (stops_or_kills(a[1])) a[1] = SIGUSR1; break;
    case 200: if (below(2)) a[0] = (u64)SYS(186, 0, 0, 0, 0, 0, 0); if (stops_or_kills(a[1])) a[1] = SIGUSR1; break;
    case 234:
        if (below(2)) { a[0] = (u64)SYS(39, 0, 0, 0, 0, 0, 0); a[1] = (u64)SYS(186, 0, 0, 0, 0, 0, 0); }
        if (stops_or_kills(a[2])) a[2] = SIGUSR1;
        break;
    case 56: if (a[1] == 0) a[1] = arena_end - 256; break;
    case 9:
        if ((a[3] & 0x100010) && kept(a[0], a[1])) a[3] &= ~0x100010UL;  // MAP_FIXED, MAP_FIXED_NOREPLACE
        break;
    case 10: case 11: case 28: case 25: case 26:
        if (kept(a[0], a[1])) a[0] = arena + PAGE * below(ARENA_PAGES);
        if (kept(a[0], a[1])) a[1] = PAGE;
        break;
    case 12: if (a[0] < own_hi) a[0] = 0; break;
    default: break;
    }
}

/// Puts back what the call may have changed of the guest's own state.
static void repair(u64 n, const u64* a) {
    switch (n) {
    case 13: if (a[0] >= 1 && a[0] <= 64) install_handlers(); break;
    case 131: reset_signal_state(); break;
    case 158: SYS(158, 0x1002 /* ARCH_SET_FS */, fs_base, 0, 0, 0, 0); break;
    case 80: case 81: SYS(80, "/", 0, 0, 0, 0, 0); break;
    default: break;
    }
}

// ---- faults ----
void fz_fault(int kind, u64 address);
__asm__(
    ".text\n.globl fz_fault\nfz_fault:\n"
    "  push %rbx\n  push %rbp\n  mov %rsp, %rbp\n"
    "  lea 9f(%rip), %rax\n  mov %rax, fault_resume(%rip)\n"
    "  cmp $0, %edi\n  je 10f\n  cmp $1, %edi\n  je 11f\n  cmp $2, %edi\n  je 12f\n  cmp $3, %edi\n  je 13f\n"
    "  cmp $4, %edi\n  je 14f\n  cmp $5, %edi\n  je 15f\n  cmp $6, %edi\n  je 16f\n  cmp $7, %edi\n  je 17f\n"
    "  cmp $8, %edi\n  je 18f\n  cmp $9, %edi\n  je 19f\n  cmp $10, %edi\n  je 20f\n  cmp $11, %edi\n  je 21f\n"
    "  cmp $12, %edi\n  je 22f\n  cmp $13, %edi\n  je 23f\n  cmp $14, %edi\n  je 24f\n"
    "  jmp 9f\n"
    "10: movb (%rsi), %al\n  jmp 9f\n"                              // load
    "11: movb %al, (%rsi)\n  jmp 9f\n"                              // store
    "12: ud2\n"
    "13: int3\n  jmp 9f\n"
    "14: xor %ecx, %ecx\n  div %ecx\n  jmp 9f\n"
    "15: xor %ecx, %ecx\n  jmp *%rsi\n"                            // jump to a wild address (rcx: where a stub would return)
    "16: hlt\n  jmp 9f\n"
    "17: cli\n  jmp 9f\n"
    "18: inb $0x80, %al\n  jmp 9f\n"
    "19: mov $0x10, %ecx\n  rdmsr\n  jmp 9f\n"
    "20: pushf\n  orl $0x100, (%rsp)\n  popf\n  nop\n  nop\n  jmp 9f\n"  // single-step
    "21: mov $39, %eax\n  lea 9f(%rip), %rcx\n  mov $0x202, %r11d\n  movl $0, (%rsi)\n  jmp 9f\n"  // a doorbell
    "22: int $0x80\n  jmp 9f\n"
    "23: movups %xmm0, (%rsi)\n  jmp 9f\n"
    "24: mov %cr0, %rax\n  jmp 9f\n"
    "9: mov %rbp, %rsp\n  pop %rbp\n  pop %rbx\n  ret\n");

/// Monitor pages a store must not reach: the emulated CPU does not enforce the supervisor bit (README).
static int supervisor(u64 p) { return (p >= 0x1000 && p < 0x6000) || (p >= 0x8000 && p < 0x10000); }

static u64 fault_address(int kind) {
    static const u64 jumps[] = {
        0, 0x10, 0x1000, 0x4000, 0x4100, 0x4110, 0x4170, 0x41e0, 0x4200, 0x5000, 0xdead0000, 0x800000000000,
        0xffffffffff600000, 0x7ffff000, 0x100000,
    };
    u64 p;
    switch (kind) {
    case 0:  // load: anywhere not the guest's own
        p = below(2) ? wild_pointer() : arena_end + below(PAGE);
        return own(p, 8) ? 0 : p;
    case 1: case 13:  // store: read-only text, guard page, doorbell page, wild
        switch (below(4)) {
        case 0: return 0x400000 + below(PAGE);
        case 1: return arena_end + below(PAGE - 16);
        case 2: return 0x7ffff000 + 8 * below(64);
        default: p = wild_pointer(); return own(p, 16) || supervisor(p) || (p >= 0x6000 && p < 0x8000) ? 0x800000000000 : p;
        }
    case 5: p = jumps[below(sizeof jumps / sizeof *jumps)]; return p == 0x4100 ? 0x4100 + 16 * below(32) : p;
    case 11: return 0x7ffff000 + 8 * below(64);
    default: return 0;
    }
}
static void fault(void) {
    int kind = (int)below(15);
    u64 address = fault_address(kind);
    unblock_synchronous();
    fz_fault(kind, address);
    fault_resume = 0;
}

// ---- set-up and the end ----
static u64 parse(const char* s) {
    u64 v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (u64)(*s++ - '0');
    return v;
}
static int same(const char* a, const char* b) {
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}
static void housekeeping(void) {
    SYS(9, arena, arena_end - arena, 3, 0x32 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, -1, 0);
    for (u64* w = (u64*)arena; w < (u64*)arena_end; w++) *w = below(2) ? sane_value() : value();
    char* path = (char*)(arena + LONG_PATH_OFFSET);
    for (int i = 0; i < 6000; i++) path[i] = i % 8 == 0 ? '/' : 'a';
    path[6000] = 0;
    install_handlers();
    reset_signal_state();
}

/// Closes every fd past stderr and opens one of each kind the monitor has, at the low numbers sane_value draws.
static void open_files(void) {
    for (long fd = 3; fd < REPORT_FD; fd++) SYS(3, fd, 0, 0, 0, 0, 0);
    int fds[2];
    SYS(293, fds, 04000 /* O_NONBLOCK */, 0, 0, 0, 0);
    SYS(290, 0, 0, 0, 0, 0, 0);                          // eventfd2
    SYS(291, 0, 0, 0, 0, 0, 0);                          // epoll_create1
    SYS(253, 0, 0, 0, 0, 0, 0);                          // inotify_init
    SYS(257, -100, "/dev/zero", 0, 0, 0, 0);
    SYS(257, -100, "/proc/self/maps", 0, 0, 0, 0);
    SYS(257, -100, "/", 0200000 /* O_DIRECTORY */, 0, 0, 0);
    SYS(41, 2 /* AF_INET */, 1 /* SOCK_STREAM */, 0, 0, 0, 0);
    SYS(41, 10 /* AF_INET6 */, 1, 0, 0, 0, 0);
}

static void end(const char* how) {
    if (same(how, "exit")) SYS(231, 0, 0, 0, 0, 0, 0);
    int fds[2];
    if (same(how, "block-pipe")) { SYS(22, fds, 0, 0, 0, 0, 0); SYS(0, fds[0], arena, 1, 0, 0, 0); }
    if (same(how, "block-futex")) { static int word; SYS(202, &word, 0 /* FUTEX_WAIT */, 0, 0, 0, 0); }
    if (same(how, "block-epoll")) { long ep = SYS(291, 0, 0, 0, 0, 0, 0); SYS(232, ep, arena, 1, -1, 0, 0); }
    if (same(how, "block-poll")) { SYS(22, fds, 0, 0, 0, 0, 0); struct { int fd; short ev, rev; } p = { fds[0], 1, 0 }; SYS(7, &p, 1, -1, 0, 0, 0); }
    if (same(how, "block-inotify")) { long in = SYS(253, 0, 0, 0, 0, 0, 0); SYS(254, in, "/", 0xfff, 0, 0, 0); SYS(0, in, arena, 4096, 0, 0, 0); }
    if (same(how, "block-yield")) for (;;) SYS(24, 0, 0, 0, 0, 0, 0);
    if (same(how, "die-segv")) {
        struct kaction dfl = { 0, SA_RESTORER, (u64)fz_restorer, 0 };
        SYS(13, SIGSEGV, &dfl, 0, 8, 0, 0);
        __asm__ volatile("movl $1, 16");
    }
    if (same(how, "die-wild-handler")) {
        struct kaction dfl = { 0, SA_RESTORER, (u64)fz_restorer, 0 };
        SYS(13, SIGSEGV, &dfl, 0, 8, 0, 0);
        struct kaction wild = { 0xdead0000, SA_SIGINFO | SA_RESTORER | SA_RESETHAND, (u64)fz_restorer, 0 };
        SYS(13, SIGUSR2, &wild, 0, 8, 0, 0);
        SYS(62, SYS(39, 0, 0, 0, 0, 0, 0), SIGUSR2, 0, 0, 0, 0);
    }
    if (same(how, "die-wild-stack")) __asm__ volatile("mov $0x10, %rsp\n ud2");
    if (same(how, "die-kill")) SYS(62, SYS(39, 0, 0, 0, 0, 0, 0), SIGKILL, 0, 0, 0, 0);
    put("end not reached: ");
    put(how);
    put("\n");
    SYS(231, 4, 0, 0, 0, 0, 0);
}

extern char __executable_start[];

int main(int argc, char** argv) {
    if (argc < 3) {
        put("usage: fuzz SEED CALLS [END]\n");
        return 2;
    }
    u64 seed = parse(argv[1]), calls = parse(argv[2]);
    const char* how = argc > 3 ? argv[3] : "exit";
    rng = seed;

    u64 sp = (u64)__builtin_frame_address(0);
    stack_lo = (sp & ~(PAGE - 1)) - (9UL << 20);
    stack_hi = 0x80000000UL;
    own_lo = (u64)__executable_start;
    own_hi = (u64)SYS(12, 0, 0, 0, 0, 0, 0) + (1UL << 20);
    SYS(158, 0x1003 /* ARCH_GET_FS */, &fs_base, 0, 0, 0, 0);
    u64 region = (u64)SYS(9, 0, (ARENA_PAGES + 2) * PAGE, 0 /* PROT_NONE */, 0x22, -1, 0);
    if ((long)region < 0) {
        put("no arena\n");
        return 2;
    }
    arena = region + PAGE;
    arena_end = arena + ARENA_PAGES * PAGE;
    SYS(10, arena, arena_end - arena, 3, 0, 0, 0);
    SYS(33, 1, REPORT_FD, 0, 0, 0, 0);
    for (int fd = 1; fd <= 2; fd++) {
        SYS(3, fd, 0, 0, 0, 0, 0);
        SYS(257, -100, "/dev/null", 0, 0, 0, 0);
    }
    housekeeping();

    u64 issued = 0;
    while (issued < calls) {
        if ((issued & 255) == 0) housekeeping();
        if ((issued & 4095) == 0) open_files();
        if (below(16) == 0) {
            fault();
            continue;
        }
        u64 n = number();
        u64 a[6];
        const char* kinds = "";
        for (unsigned i = 0; i < sizeof shapes / sizeof *shapes; i++)
            if ((u64)shapes[i].n == n) kinds = shapes[i].kinds;
        int sane = below(2);
        for (int i = 0, k = 0; i < 6; i++) {
            char kind = kinds[k] ? kinds[k++] : '?';
            a[i] = sane && below(8) ? shaped(kind) : value();
        }
        tame(n, a);
        SYS(n, a[0], a[1], a[2], a[3], a[4], a[5]);
        repair(n, a);
        issued++;
    }

    put_num("fuzz seed=", seed);
    put_num(" calls=", issued);
    put_num(" signals=", signals);
    put_num(" faults=", faults);
    put("\n");
    end(how);
    return 0;
}
