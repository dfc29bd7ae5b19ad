using System.Buffers.Binary;
using System.Net;
using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.Net;

/// <summary>
/// <c>struct sockaddr_in</c> (16 bytes) and <c>struct sockaddr_in6</c> (28 bytes) to and from host endpoints, and
/// the (addr, addrlen) in/out convention of accept, getsockname, getpeername and recvfrom.
/// </summary>
internal static class SocketAddresses
{
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int InetSize = 16;
    public const int Inet6Size = 28;
    private const int Inet6MinimumSize = 24;

    /// <summary>Reads a guest sockaddr of <paramref name="length"/> bytes; a negative errno when it cannot.</summary>
    public static long TryRead(GuestProcess process, ulong address, ulong length, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (length > 128 || length < 2)
        {
            return -Errno.EINVAL;
        }

        if (!process.Memory.TryGetSpan(new GuestAddress(address), length, GuestAccess.UserRead, out var bytes))
        {
            return -Errno.EFAULT;
        }

        return Parse(bytes, out endpoint);
    }

    public static long Parse(ReadOnlySpan<byte> bytes, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (bytes.Length < sizeof(ushort))
        {
            return -Errno.EINVAL;
        }

        // The port is read only once the length covers the whole address: a 2- or 3-byte sockaddr is EINVAL.
        var family = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        switch (family)
        {
            case AF_INET when bytes.Length >= InetSize:
                endpoint = new IPEndPoint(new IPAddress(bytes.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
                return 0;
            case AF_INET6 when bytes.Length >= Inet6MinimumSize:
                var scope = bytes.Length >= Inet6Size ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]) : 0;
                endpoint = new IPEndPoint(new IPAddress(bytes.Slice(8, 16), scope), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
                return 0;
            case AF_INET or AF_INET6:
                return -Errno.EINVAL;
            default:
                return -Errno.EAFNOSUPPORT;
        }
    }

    /// <summary>The sockaddr a socket of <paramref name="family"/> reports for <paramref name="endpoint"/> (IPv4 mapped into IPv6 for AF_INET6).</summary>
    public static byte[] Encode(int family, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (family == AF_INET)
        {
            var v4 = new byte[InetSize];
            BinaryPrimitives.WriteUInt16LittleEndian(v4, AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(v4.AsSpan(2), (ushort)endpoint.Port);
            var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
            if (!address.TryWriteBytes(v4.AsSpan(4, 4), out _))
            {
                IPAddress.Loopback.TryWriteBytes(v4.AsSpan(4, 4), out _);
            }

            return v4;
        }

        var v6 = new byte[Inet6Size];
        BinaryPrimitives.WriteUInt16LittleEndian(v6, AF_INET6);
        BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(2), (ushort)endpoint.Port);
        var address6 = endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? endpoint.Address.MapToIPv6() : endpoint.Address;
        address6.TryWriteBytes(v6.AsSpan(8, 16), out _);
        BinaryPrimitives.WriteUInt32LittleEndian(v6.AsSpan(24), (uint)address6.ScopeId);
        return v6;
    }

    /// <summary>
    /// Writes <paramref name="encoded"/> to the guest's (addr, *addrlen): at most *addrlen bytes are copied and
    /// *addrlen becomes the full size, as Linux does. A null addr writes nothing.
    /// </summary>
    public static long Write(GuestProcess process, ulong address, ulong lengthAddress, ReadOnlySpan<byte> encoded)
    {
        if (address == 0)
        {
            return 0;
        }

        var check = CheckOut(process, address, lengthAddress, out var room);
        if (check < 0)
        {
            return check;
        }

        var count = Math.Min(room, encoded.Length);
        if (!process.Memory.TryWrite(new GuestAddress(address), GuestAccess.UserWrite, encoded[..count])
            || !process.Memory.TryWrite(new GuestAddress(lengthAddress), GuestAccess.UserWrite, encoded.Length))
        {
            return -Errno.EFAULT;
        }

        return 0;
    }

    /// <summary>Checks an (addr, addrlen) pair before an operation that cannot be undone (accept); <paramref name="room"/> is *addrlen.</summary>
    public static long CheckOut(GuestProcess process, ulong address, ulong lengthAddress, out int room)
    {
        room = 0;
        if (address == 0)
        {
            return 0;
        }

        if (!process.Memory.TryRead(new GuestAddress(lengthAddress), GuestAccess.UserRead, out room)
            || !process.Memory.TryGetSpan(new GuestAddress(lengthAddress), 4, GuestAccess.UserWrite, out _))
        {
            return -Errno.EFAULT;
        }

        if (room < 0)
        {
            return -Errno.EINVAL;
        }

        return process.Memory.TryGetSpan(new GuestAddress(address), (ulong)Math.Min(room, Inet6Size), GuestAccess.UserWrite, out _) ? 0 : -Errno.EFAULT;
    }
}
