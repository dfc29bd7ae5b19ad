using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.Net;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.Events;

/// <summary>poll and ppoll over the guest's fds (the signal mask of ppoll is not applied: no signal arrives asynchronously).</summary>
internal static class PollSyscalls
{
    private const short POLLNVAL = 0x20;
    private const short Always = (short)(PollEvents.Error | PollEvents.HangUp);

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(7, "poll", (GuestProcess p, in SyscallArgs a) => Poll(p, a.A0, a.A1, (int)a.A2));
        table.Register(271, "ppoll", Ppoll);
    }

    private static long Ppoll(GuestProcess process, in SyscallArgs a)
    {
        long timeout = -1;
        if (a.A2 != 0)
        {
            if (!process.Memory.TryRead(new GuestAddress(a.A2), GuestAccess.UserRead, out Timespec time))
            {
                return -Errno.EFAULT;
            }

            if (time.Seconds < 0 || time.Nanoseconds is < 0 or >= 1_000_000_000)
            {
                return -Errno.EINVAL;
            }

            timeout = (long)Math.Min((time.Seconds * 1000.0) + ((time.Nanoseconds + 999_999) / 1_000_000), int.MaxValue);
        }

        return Poll(process, a.A0, a.A1, timeout);
    }

    private static long Poll(GuestProcess process, ulong address, ulong count, long timeout)
    {
        if (count > (ulong)process.Files.Limit)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryGetSpan(new GuestAddress(address), count * 8, GuestAccess.UserWrite, out var bytes))
        {
            return -Errno.EFAULT;
        }

        var entries = MemoryMarshal.Cast<byte, PollFd>(bytes).ToArray();
        var found = ReadinessWait.Until(process, timeout < 0 ? -1 : timeout, watch =>
        {
            var ready = 0;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var entry = ref entries[i];
                entry.ReturnedEvents = 0;
                if (entry.Fd < 0)
                {
                    continue;
                }

                if (process.Files.Get((ulong)entry.Fd) is not { } file)
                {
                    entry.ReturnedEvents = POLLNVAL;
                }
                else
                {
                    entry.ReturnedEvents = (short)((short)file.Poll() & (entry.Events | Always));
                    if (file is GuestSocket { HostSocket: { } host })
                    {
                        if ((entry.Events & (short)PollEvents.In) != 0)
                        {
                            watch.Sockets.Add(host);
                        }

                        if ((entry.Events & (short)PollEvents.Out) != 0)
                        {
                            watch.WriteSockets.Add(host);
                        }
                    }
                }

                ready += entry.ReturnedEvents != 0 ? 1 : 0;
            }

            return ready;
        });
        if (found >= 0)
        {
            MemoryMarshal.AsBytes(entries.AsSpan()).CopyTo(bytes);
        }

        return found;
    }
}
