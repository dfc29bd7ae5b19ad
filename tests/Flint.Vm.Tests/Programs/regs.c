// All registers but rax, rcx and r11 survive a syscall (Linux x86-64 ABI).
#include <stdio.h>
unsigned long out[12];
int main(void) {
    __asm__ volatile(
        "push %%rbx; push %%rbp; push %%r12; push %%r13; push %%r14; push %%r15\n"
        "mov $0x1111, %%rbx; mov $0x2222, %%rbp; mov $0x3333, %%r12; mov $0x4444, %%r13; mov $0x5555, %%r14; mov $0x6666, %%r15\n"
        "mov $39, %%eax; mov $0x7777, %%rdi; mov $0x8888, %%rsi; mov $0x9999, %%rdx; mov $0xaaaa, %%r10; mov $0xbbbb, %%r8; mov $0xcccc, %%r9\n"
        "syscall\n"
        "mov %%rbx, out+0(%%rip); mov %%rbp, out+8(%%rip); mov %%r12, out+16(%%rip); mov %%r13, out+24(%%rip)\n"
        "mov %%r14, out+32(%%rip); mov %%r15, out+40(%%rip); mov %%rdi, out+48(%%rip); mov %%rsi, out+56(%%rip)\n"
        "mov %%rdx, out+64(%%rip); mov %%r10, out+72(%%rip); mov %%r8, out+80(%%rip); mov %%r9, out+88(%%rip)\n"
        "pop %%r15; pop %%r14; pop %%r13; pop %%r12; pop %%rbp; pop %%rbx\n"
        ::: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory");
    unsigned long expect[12] = { 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888, 0x9999, 0xaaaa, 0xbbbb, 0xcccc };
    for (int i = 0; i < 12; i++) if (out[i] != expect[i]) { printf("register %d changed: %lx\n", i, out[i]); return 1; }
    printf("registers preserved\n");
    return 0;
}
