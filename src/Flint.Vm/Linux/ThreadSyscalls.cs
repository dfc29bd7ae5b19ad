using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>
/// Threads: clone and clone3 for threads (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND and the tid and TLS flags), each
/// new thread a vCPU of its own; exit of one thread (clear_child_tid written and futex-woken) or of the whole
/// process; gettid and set_tid_address. Creating a new process (fork, vfork) is not supported.
/// </summary>
internal static class ThreadSyscalls
{
    public const ulong CLONE_VM = 0x100;
    public const ulong CLONE_FS = 0x200;
    public const ulong CLONE_FILES = 0x400;
    public const ulong CLONE_SIGHAND = 0x800;
    public const ulong CLONE_THREAD = 0x1_0000;
    public const ulong CLONE_SYSVSEM = 0x4_0000;
    public const ulong CLONE_SETTLS = 0x8_0000;
    public const ulong CLONE_PARENT_SETTID = 0x10_0000;
    public const ulong CLONE_CHILD_CLEARTID = 0x20_0000;
    public const ulong CLONE_DETACHED = 0x40_0000;
    public const ulong CLONE_CHILD_SETTID = 0x100_0000;
    private const ulong ThreadFlags = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
    private const ulong SupportedFlags = ThreadFlags | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_SETTLS
        | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID;

    /// <summary>sizeof(struct clone_args) in its first version: flags through tls.</summary>
    private const ulong CloneArgsMinimum = 64;
    private const ulong CloneArgsMaximum = 4096;
    private const ulong CanonicalLimit = 0x0000_8000_0000_0000;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(56, "clone", Clone);
        table.Register(60, "exit", Exit);
        table.Register(186, "gettid", (GuestProcess process, in SyscallArgs _) => process.Thread.Id);
        table.Register(218, "set_tid_address", SetTidAddress);
        table.Register(231, "exit_group", ExitGroup);
        table.Register(435, "clone3", Clone3);
    }

    private static long Clone(GuestProcess process, in SyscallArgs a)
        => Create(process, new CloneRequest(a.A0, a.A1, ParentTid: a.A2, ChildTid: a.A3, Tls: a.A4));

    private static long Clone3(GuestProcess process, in SyscallArgs a)
    {
        if (a.A1 < CloneArgsMinimum || a.A1 > CloneArgsMaximum)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryGetSpan(new GuestAddress(a.A0), a.A1, GuestAccess.UserRead, out var bytes))
        {
            return -Errno.EFAULT;
        }

        var fields = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes[..(int)CloneArgsMinimum]);
        foreach (var b in bytes[(int)CloneArgsMinimum..])
        {
            if (b != 0 && a.A1 > 88)
            {
                return -Errno.E2BIG;  // set_tid and cgroup (and anything newer) are not supported
            }
        }

        // flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls
        if (fields[4] != 0 || (fields[5] == 0) != (fields[6] == 0) || fields[5] + fields[6] < fields[5])
        {
            return -Errno.EINVAL;
        }

        var stackTop = fields[5] == 0 ? 0 : fields[5] + fields[6];
        return Create(process, new CloneRequest(fields[0], stackTop, ParentTid: fields[3], ChildTid: fields[2], Tls: fields[7]));
    }

    private static long Create(GuestProcess process, CloneRequest request)
    {
        var flags = request.Flags & ~0xFFUL;  // the low byte is the exit signal, unused for threads
        if ((flags & ThreadFlags) != ThreadFlags)
        {
            return -Errno.ENOSYS;  // a new process (fork, vfork, posix_spawn): a VM runs one process
        }

        if ((flags & ~SupportedFlags) != 0 || ((flags & CLONE_SETTLS) != 0 && request.Tls >= CanonicalLimit))
        {
            return -Errno.EINVAL;
        }

        if (process.Threads.ReserveId() is not { } id)
        {
            return -Errno.EAGAIN;
        }

        if ((flags & CLONE_PARENT_SETTID) != 0 && !process.Memory.TryWrite(new GuestAddress(request.ParentTid), GuestAccess.UserWrite, id))
        {
            return -Errno.EFAULT;
        }

        if ((flags & CLONE_CHILD_SETTID) != 0 && !process.Memory.TryWrite(new GuestAddress(request.ChildTid), GuestAccess.UserWrite, id))
        {
            return -Errno.EFAULT;
        }

        var context = process.Context;
        context.rax = 0;
        if (request.StackTop != 0)
        {
            context.rsp = request.StackTop;
        }

        var fsBase = (flags & CLONE_SETTLS) != 0 ? request.Tls : process.Cpu.FsBase;
        var thread = process.Threads.Starter!(id, context, fsBase);
        if ((flags & CLONE_CHILD_CLEARTID) != 0)
        {
            thread.ClearChildTidAddress = request.ChildTid;
        }

        return id;
    }

    private static long SetTidAddress(GuestProcess process, in SyscallArgs a)
    {
        process.ClearChildTidAddress = a.A0;
        return process.Thread.Id;
    }

    /// <summary>exit: this thread only. Its clear_child_tid is zeroed and woken (pthread_join); the last thread's exit ends the process.</summary>
    private static long Exit(GuestProcess process, in SyscallArgs a)
    {
        var thread = process.Thread;
        thread.HasExited = true;
        if (thread.ClearChildTidAddress != 0 && process.Memory.TryWrite(new GuestAddress(thread.ClearChildTidAddress), GuestAccess.UserWrite, 0u))
        {
            process.Futexes.Wake(thread.ClearChildTidAddress, 1, uint.MaxValue);
        }

        if (process.Threads.Remove(thread) == 0)
        {
            process.Exit((int)a.A0);
        }

        return 0;
    }

    private static long ExitGroup(GuestProcess process, in SyscallArgs a)
    {
        process.Thread.HasExited = true;
        process.Exit((int)a.A0);
        return 0;
    }
}
