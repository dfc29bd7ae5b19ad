using System.Buffers;
using System.Net;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.Net;

/// <summary>
/// TCP sockets under the VM's network policy (<see cref="GuestNetwork"/>): the guest's listening socket is the
/// caller's host socket whatever it binds, accepted connections are host connections, and connect is refused with
/// EACCES unless outbound connections are allowed.
/// </summary>
internal static class SocketSyscalls
{
    public const int MaxGatherBytes = 4 << 20;
    private const int MaxOptionLength = 1024;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(41, "socket", Socket);
        table.Register(42, "connect", Connect);
        table.Register(43, "accept", (GuestProcess p, in SyscallArgs a) => Accept(p, a.A0, a.A1, a.A2, 0));
        table.Register(44, "sendto", Sendto);
        table.Register(45, "recvfrom", Recvfrom);
        table.Register(46, "sendmsg", Sendmsg);
        table.Register(47, "recvmsg", Recvmsg);
        table.Register(48, "shutdown", Shutdown);
        table.Register(49, "bind", Bind);
        table.Register(50, "listen", Listen);
        table.Register(51, "getsockname", Getsockname);
        table.Register(52, "getpeername", Getpeername);
        table.Register(54, "setsockopt", Setsockopt);
        table.Register(55, "getsockopt", Getsockopt);
        table.Register(288, "accept4", (GuestProcess p, in SyscallArgs a) => Accept(p, a.A0, a.A1, a.A2, a.A3));
    }

    private static long Socket(GuestProcess process, in SyscallArgs a)
    {
        if (a.A0 is not (SocketAddresses.AF_INET or SocketAddresses.AF_INET6))
        {
            return -Errno.EAFNOSUPPORT;
        }

        var type = (long)a.A1;
        if ((type & ~(0xF | GuestSocket.SOCK_NONBLOCK | GuestSocket.SOCK_CLOEXEC)) != 0 || (type & 0xF) != GuestSocket.SOCK_STREAM)
        {
            return -Errno.EINVAL;
        }

        if (a.A2 is not (0 or SocketOptions.IPPROTO_TCP))
        {
            return -Errno.EPROTONOSUPPORT;
        }

        var socket = new GuestSocket((int)a.A0, (int)type & GuestSocket.SOCK_NONBLOCK);
        return process.Files.Install(socket, (type & GuestSocket.SOCK_CLOEXEC) != 0);
    }

    private static long Bind(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (SocketAddresses.TryRead(process, a.A1, a.A2, out var endpoint) is var read and < 0)
        {
            return read;
        }

        if (AddressFamilyOf(endpoint!) != socket!.Family)
        {
            return -Errno.EAFNOSUPPORT;
        }

        return socket.Bind(process.Network, endpoint!);
    }

    private static long Listen(GuestProcess process, in SyscallArgs a)
        => Find(process, a.A0, out var socket) is var error and < 0 ? error : socket!.Listen(process.Network);

    private static long Connect(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (SocketAddresses.TryRead(process, a.A1, a.A2, out var endpoint) is var read and < 0)
        {
            return read;
        }

        return process.Network.AllowOutbound ? socket!.Connect(process, endpoint!) : -Errno.EACCES;
    }

    private static long Accept(GuestProcess process, ulong fd, ulong address, ulong lengthAddress, ulong flags)
    {
        if ((flags & ~(ulong)(GuestSocket.SOCK_NONBLOCK | GuestSocket.SOCK_CLOEXEC)) != 0)
        {
            return -Errno.EINVAL;
        }

        if (Find(process, fd, out var socket) is var error and < 0)
        {
            return error;
        }

        // Checked before accepting: a connection is never taken from the queue for a result the guest cannot receive.
        if (SocketAddresses.CheckOut(process, address, lengthAddress, out _) is var check and < 0)
        {
            return check;
        }

        var result = socket!.Accept(process, socket.IsNonBlocking, out var accepted);
        if (result < 0)
        {
            return result;
        }

        accepted!.StatusFlags |= (int)flags & GuestSocket.SOCK_NONBLOCK;
        if (accepted.PeerEndPoint() is { } peer && SocketAddresses.Write(process, address, lengthAddress, SocketAddresses.Encode(socket.Family, peer)) is var written and < 0)
        {
            accepted.Release();
            return written;
        }

        return process.Files.Install(accepted, (flags & GuestSocket.SOCK_CLOEXEC) != 0);
    }

    private static long Getsockname(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        var local = socket!.VisibleLocal() ?? new IPEndPoint(socket.Family == SocketAddresses.AF_INET ? IPAddress.Any : IPAddress.IPv6Any, 0);
        return a.A1 == 0 ? -Errno.EFAULT : SocketAddresses.Write(process, a.A1, a.A2, SocketAddresses.Encode(socket.Family, local));
    }

    private static long Getpeername(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (socket!.PeerEndPoint() is not { } peer)
        {
            return -Errno.ENOTCONN;
        }

        return a.A1 == 0 ? -Errno.EFAULT : SocketAddresses.Write(process, a.A1, a.A2, SocketAddresses.Encode(socket.Family, peer));
    }

    private static long Setsockopt(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (a.A4 > MaxOptionLength)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryGetSpan(new GuestAddress(a.A3), a.A4, GuestAccess.UserRead, out var value))
        {
            return -Errno.EFAULT;
        }

        var result = socket!.Options.Set((int)a.A1, (int)a.A2, value);
        if (result == 0 && (int)a.A1 == SocketOptions.IPPROTO_TCP && (int)a.A2 == SocketOptions.TCP_NODELAY)
        {
            socket.SetNoDelay(socket.Options.IsSet(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
        }

        return result;
    }

    private static long Getsockopt(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (!process.Memory.TryRead(new GuestAddress(a.A4), GuestAccess.UserRead, out int room))
        {
            return -Errno.EFAULT;
        }

        if (room < 0)
        {
            return -Errno.EINVAL;
        }

        if (!SocketOptions.IsKnownLevel((int)a.A1) || socket!.Options.Get((int)a.A1, (int)a.A2, socket) is not { } value)
        {
            return -Errno.ENOPROTOOPT;
        }

        var count = Math.Min(room, value.Length);
        return process.Memory.TryWrite(new GuestAddress(a.A3), GuestAccess.UserWrite, value.AsSpan(0, count))
            && process.Memory.TryWrite(new GuestAddress(a.A4), GuestAccess.UserWrite, count) ? 0 : -Errno.EFAULT;
    }

    private static long Shutdown(GuestProcess process, in SyscallArgs a)
        => Find(process, a.A0, out var socket) is var error and < 0 ? error : socket!.Shutdown((int)a.A1);

    private static long Sendto(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        // A connected TCP socket ignores the destination address, as Linux does.
        var length = Math.Min(a.A2, IoSyscalls.MaxIoBytes);
        return process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserRead, out var data)
            ? socket!.Send(process, data, (int)a.A3)
            : -Errno.EFAULT;
    }

    private static long Recvfrom(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        var length = Math.Min(a.A2, IoSyscalls.MaxIoBytes);
        if (!process.Memory.TryGetSpan(new GuestAddress(a.A1), length, GuestAccess.UserWrite, out var buffer))
        {
            return -Errno.EFAULT;
        }

        if (a.A4 != 0 && SocketAddresses.CheckOut(process, a.A4, a.A5, out _) is var check and < 0)
        {
            return check;
        }

        var received = socket!.Receive(process, buffer, (int)a.A3);

        // TCP reports no source address: the length becomes 0.
        if (received >= 0 && a.A4 != 0 && !process.Memory.TryWrite(new GuestAddress(a.A5), GuestAccess.UserWrite, 0))
        {
            return -Errno.EFAULT;
        }

        return received;
    }

    private static long Sendmsg(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (!process.Memory.TryRead(new GuestAddress(a.A1), GuestAccess.UserRead, out MessageHeader header))
        {
            return -Errno.EFAULT;
        }

        if (ReadVectors(process, header, GuestAccess.UserRead, out var vectors) is var read and < 0)
        {
            return read;
        }

        if (vectors.Length == 1)
        {
            process.Memory.TryGetSpan(new GuestAddress(vectors[0].Base), vectors[0].Length, GuestAccess.UserRead, out var only);
            return socket!.Send(process, only, (int)a.A2);
        }

        var total = (int)Math.Min(vectors.Aggregate(0UL, (sum, v) => sum + v.Length), MaxGatherBytes);
        var gathered = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
        try
        {
            var offset = 0;
            foreach (var vector in vectors)
            {
                var take = (int)Math.Min(vector.Length, (ulong)(total - offset));
                process.Memory.TryGetSpan(new GuestAddress(vector.Base), (ulong)take, GuestAccess.UserRead, out var part);
                part.CopyTo(gathered.AsSpan(offset));
                offset += take;
            }

            return socket!.Send(process, gathered.AsSpan(0, total), (int)a.A2);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }

    private static long Recvmsg(GuestProcess process, in SyscallArgs a)
    {
        if (Find(process, a.A0, out var socket) is var error and < 0)
        {
            return error;
        }

        if (!process.Memory.TryRead(new GuestAddress(a.A1), GuestAccess.UserRead, out MessageHeader header)
            || !process.Memory.TryGetSpan(new GuestAddress(a.A1), 56, GuestAccess.UserWrite, out _))
        {
            return -Errno.EFAULT;
        }

        if (ReadVectors(process, header, GuestAccess.UserWrite, out var vectors) is var read and < 0)
        {
            return read;
        }

        long received;
        if (vectors.Length == 1)
        {
            process.Memory.TryGetSpan(new GuestAddress(vectors[0].Base), vectors[0].Length, GuestAccess.UserWrite, out var only);
            received = socket!.Receive(process, only, (int)a.A2);
        }
        else
        {
            var total = (int)Math.Min(vectors.Aggregate(0UL, (sum, v) => sum + v.Length), MaxGatherBytes);
            var staging = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
            try
            {
                received = socket!.Receive(process, staging.AsSpan(0, total), (int)a.A2);
                var offset = 0;
                foreach (var vector in vectors)
                {
                    if (offset >= received)
                    {
                        break;
                    }

                    var take = (int)Math.Min(vector.Length, (ulong)(received - offset));
                    process.Memory.TryGetSpan(new GuestAddress(vector.Base), (ulong)take, GuestAccess.UserWrite, out var part);
                    staging.AsSpan(offset, take).CopyTo(part);
                    offset += take;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(staging);
            }
        }

        if (received >= 0)
        {
            // No source address, no control messages, no flags for a TCP stream.
            header.NameLength = 0;
            header.ControlLength = 0;
            header.Flags = 0;
            process.Memory.TryWrite(new GuestAddress(a.A1), GuestAccess.UserWrite, in header);
        }

        return received;
    }

    /// <summary>A message's iovecs, every one checked for <paramref name="access"/>; -EMSGSIZE past 1024 of them.</summary>
    private static long ReadVectors(GuestProcess process, in MessageHeader header, GuestAccess access, out Iovec[] vectors)
    {
        vectors = [];
        if (header.IovLength > IoSyscalls.MaxIovecs)
        {
            return -Errno.EMSGSIZE;
        }

        var count = (int)header.IovLength;
        var list = new List<Iovec>(count);
        ulong total = 0;
        for (var i = 0; i < count; i++)
        {
            var at = header.Iov + ((ulong)i * 16);
            if (at < header.Iov || !process.Memory.TryRead(new GuestAddress(at), GuestAccess.UserRead, out Iovec vector))
            {
                return -Errno.EFAULT;
            }

            if (vector.Length > IoSyscalls.MaxIoBytes || (total += vector.Length) > IoSyscalls.MaxIoBytes)
            {
                return -Errno.EINVAL;
            }

            if (vector.Length == 0)
            {
                continue;
            }

            if (!process.Memory.TryGetSpan(new GuestAddress(vector.Base), vector.Length, access, out _))
            {
                return -Errno.EFAULT;
            }

            list.Add(vector);
        }

        vectors = [.. list];
        return 0;
    }

    private static long Find(GuestProcess process, ulong fd, out GuestSocket? socket)
    {
        var file = process.Files.Get(fd);
        socket = file as GuestSocket;
        return file is null ? -Errno.EBADF : socket is null ? -Errno.ENOTSOCK : 0;
    }

    private static int AddressFamilyOf(IPEndPoint endpoint)
        => endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? SocketAddresses.AF_INET : SocketAddresses.AF_INET6;
}
