# The trap stubs of Flint.Vm.Cpu.TrapStubs, assembled by the test and compared byte for byte.
# Assemble with: as --defsym DOORBELL=<Layout.DoorbellPage> --defsym EXC_BASE=<ExceptionStubOffset>
        .code64
        .text
user_page:
syscall_entry:                          # MSR_LSTAR target: doorbell slot 0
        movl $0, DOORBELL
        ud2
        .org user_page + EXC_BASE
        .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .balign 16, 0
        movl $(32 + \v), DOORBELL + 8 * (32 + \v)   # exception vector v: doorbell slot 32 + v
        ud2
        .endr
