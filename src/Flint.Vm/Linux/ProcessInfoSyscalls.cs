using System.Buffers.Binary;
using System.Text;
using Flint.Interop.Libc;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>What the process can learn about itself and the VM: getrusage, sysinfo (from the VM's limits), prctl basics.</summary>
internal static class ProcessInfoSyscalls
{
    public const int PR_SET_DUMPABLE = 4, PR_GET_DUMPABLE = 3, PR_SET_NAME = 15, PR_GET_NAME = 16;
    public const int PR_SET_VMA = 0x5356_4D41;
    private const int RusageSize = 144;
    private const int SysinfoSize = 112;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(98, "getrusage", Getrusage);
        table.Register(99, "sysinfo", Sysinfo);
        table.Register(157, "prctl", Prctl);
    }

    private static long Getrusage(GuestProcess process, in SyscallArgs a)
    {
        if ((int)a.A0 is not (0 or -1 or 1))  // RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD
        {
            return -Errno.EINVAL;
        }

        var usage = new byte[RusageSize];
        if ((int)a.A0 != -1)
        {
            var elapsed = process.Elapsed;
            BinaryPrimitives.WriteInt64LittleEndian(usage, (long)elapsed.TotalSeconds);
            BinaryPrimitives.WriteInt64LittleEndian(usage.AsSpan(8), elapsed.Microseconds + (elapsed.Milliseconds * 1000L));
            BinaryPrimitives.WriteInt64LittleEndian(usage.AsSpan(32), (long)(GuestMemoryUsage.Used(process) / 1024));  // ru_maxrss
        }

        return process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, usage) ? 0 : -Errno.EFAULT;
    }

    private static long Sysinfo(GuestProcess process, in SyscallArgs a)
    {
        var info = new byte[SysinfoSize];
        var span = info.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, (long)process.Elapsed.TotalSeconds);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], GuestMemoryUsage.Total(process));  // totalram
        BinaryPrimitives.WriteUInt64LittleEndian(span[40..], GuestMemoryUsage.Free(process));   // freeram
        BinaryPrimitives.WriteUInt16LittleEndian(span[80..], 1);                                 // procs
        BinaryPrimitives.WriteUInt32LittleEndian(span[104..], 1);                                // mem_unit
        return process.Memory.TryWrite(new GuestAddress(a.A0), GuestAccess.UserWrite, info) ? 0 : -Errno.EFAULT;
    }

    private static long Prctl(GuestProcess process, in SyscallArgs a)
    {
        switch ((int)a.A0)
        {
            case PR_SET_NAME:
                if (!process.Memory.TryGetSpan(new GuestAddress(a.A1), 1, GuestAccess.UserRead, out _))
                {
                    return -Errno.EFAULT;
                }

                var name = new byte[16];
                var length = 0;
                while (length < 15 && process.Memory.TryRead(new GuestAddress(a.A1 + (ulong)length), GuestAccess.UserRead, out byte b) && b != 0)
                {
                    name[length++] = b;
                }

                process.CommandName = Encoding.UTF8.GetString(name, 0, length);
                return 0;
            case PR_GET_NAME:
                var bytes = new byte[16];
                Encoding.UTF8.GetBytes(process.CommandName, bytes);
                return process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, bytes) ? 0 : -Errno.EFAULT;
            case PR_GET_DUMPABLE:
                return 1;
            case PR_SET_DUMPABLE:
                return a.A1 <= 1 ? 0 : -Errno.EINVAL;
            default:
                return -Errno.EINVAL;  // PR_SET_VMA included: this kernel has no anonymous VMA names
        }
    }
}
