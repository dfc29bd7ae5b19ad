using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Linux.Net;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux.Net;

/// <summary>The socket syscalls against real guest memory and real host sockets, hostile arguments included.</summary>
public sealed class SocketSyscallsTests
{
    private const ulong Socket = 41;
    private const ulong Connect = 42;
    private const ulong Accept = 43;
    private const ulong Sendmsg = 46;
    private const ulong Recvmsg = 47;
    private const ulong Bind = 49;
    private const ulong Listen = 50;
    private const ulong Getsockname = 51;
    private const ulong Setsockopt = 54;
    private const ulong Getsockopt = 55;
    private const ulong Accept4 = 288;
    private const ulong SockNonblock = 0x800;

    [Theory]
    [InlineData(1UL, 1UL, -Errno.EAFNOSUPPORT)]       // AF_UNIX
    [InlineData(2UL, 2UL, -Errno.EINVAL)]             // SOCK_DGRAM
    [InlineData(2UL, 1UL | 0x100UL, -Errno.EINVAL)]   // an unknown type flag
    public void Socket_Unsupported_IsRefused(ulong domain, ulong type, long expected)
    {
        using var guest = new TestGuest();
        Assert.Equal(expected, guest.Call(Socket, domain, type, 0));
    }

    [Fact]
    public void Bind_WithoutListenSocket_ReturnsEacces()
    {
        using var guest = new TestGuest();
        var fd = (ulong)guest.Call(Socket, 2, 1, 0);
        WriteInet(guest, guest.Buffer, 8080);
        Assert.Equal(-Errno.EACCES, guest.Call(Bind, fd, guest.Buffer.Value, 16));
        Assert.Equal(-Errno.EACCES, guest.Call(Listen, fd, 16));
    }

    [Fact]
    public void Connect_OutboundNotAllowed_ReturnsEacces()
    {
        using var guest = new TestGuest();
        var fd = (ulong)guest.Call(Socket, 2, 1, 0);
        WriteInet(guest, guest.Buffer, 80, [1, 2, 3, 4]);
        Assert.Equal(-Errno.EACCES, guest.Call(Connect, fd, guest.Buffer.Value, 16));
        Assert.Equal(-Errno.EFAULT, guest.Call(Connect, fd, 0x10, 16));
        Assert.Equal(-Errno.ENOTSOCK, guest.Call(Connect, 1, guest.Buffer.Value, 16));
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(15UL)]
    public void Connect_AddressShorterThanItsFamily_ReturnsEinval(ulong length)
    {
        // Found by the guest-interface fuzzer: a 2- or 3-byte sockaddr made the port read throw.
        using var guest = new TestGuest();
        var fd = (ulong)guest.Call(Socket, 2, 1, 0);
        WriteInet(guest, guest.Buffer, 80, [1, 2, 3, 4]);
        Assert.Equal(-Errno.EINVAL, guest.Call(Connect, fd, guest.Buffer.Value, length));
        guest.Write(guest.Buffer, [10, 0]);  // AF_INET6
        Assert.Equal(-Errno.EINVAL, guest.Call(Connect, fd, guest.Buffer.Value, length));
        Assert.Equal(-Errno.EINVAL, guest.Call(Connect, fd, guest.Buffer.Value, length + 8));
    }

    [Fact]
    public void Connect_OutboundAllowed_ReachesTheHostAndExchangesBytes()
    {
        using var server = SocketServerTests.Loopback();
        using var guest = new TestGuest(network: new GuestNetwork(null, null, allowOutbound: true));
        var fd = (ulong)guest.Call(Socket, 2, 1, 0);
        WriteInet(guest, guest.Buffer, (ushort)((IPEndPoint)server.LocalEndPoint!).Port, [127, 0, 0, 1]);
        Assert.Equal(0, guest.Call(Connect, fd, guest.Buffer.Value, 16));
        Assert.Equal(-Errno.EISCONN, guest.Call(Connect, fd, guest.Buffer.Value, 16));
        using var accepted = server.Accept();

        guest.WriteString(guest.Buffer + 0x100, "hi");
        Assert.Equal(2, guest.Call(1, fd, guest.Buffer.Value + 0x100, 2));
        var got = new byte[2];
        Assert.Equal(2, accepted.Receive(got));
        Assert.Equal("hi"u8.ToArray(), got);

        accepted.Send("yo"u8);
        Assert.Equal(2, guest.Call(0, fd, guest.Buffer.Value + 0x200, 16));
        Assert.Equal("yo"u8.ToArray(), guest.ReadBytes(guest.Buffer + 0x200, 2));
        accepted.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, guest.Call(0, fd, guest.Buffer.Value + 0x200, 16));
    }

    [Fact]
    public void Options_AreRecordedAndReadBack()
    {
        using var guest = new TestGuest();
        var fd = (ulong)guest.Call(Socket, 10, 1, 0);
        guest.Write(guest.Buffer, BitConverter.GetBytes(1));
        Assert.Equal(0, guest.Call(Setsockopt, fd, 6, 1, guest.Buffer.Value, 4));  // TCP_NODELAY
        guest.Write(guest.Buffer + 0x10, BitConverter.GetBytes(4));
        Assert.Equal(0, guest.Call(Getsockopt, fd, 6, 1, guest.Buffer.Value + 0x20, guest.Buffer.Value + 0x10));
        Assert.Equal(1, guest.Read<int>(guest.Buffer + 0x20));
        Assert.Equal(0, guest.Call(Getsockopt, fd, 1, 39, guest.Buffer.Value + 0x20, guest.Buffer.Value + 0x10));  // SO_DOMAIN
        Assert.Equal(10, guest.Read<int>(guest.Buffer + 0x20));
        Assert.Equal(-Errno.EINVAL, guest.Call(Setsockopt, fd, 1, 2, guest.Buffer.Value, 2));
        Assert.Equal(-Errno.EFAULT, guest.Call(Setsockopt, fd, 1, 2, 0x10, 4));
        Assert.Equal(-Errno.ENOPROTOOPT, guest.Call(Setsockopt, fd, 99, 2, guest.Buffer.Value, 4));
    }

    [Fact]
    public void Listen_AdoptsTheLentSocketOnceAndReportsReadiness()
    {
        using var host = SocketServerTests.Loopback();
        var ready = 0;
        using var guest = new TestGuest(network: new GuestNetwork(host, () => ready++, allowOutbound: false));
        var fd = (ulong)guest.Call(Socket, 2, 1 | SockNonblock, 0);
        WriteInet(guest, guest.Buffer, 8080);
        Assert.Equal(0, guest.Call(Bind, fd, guest.Buffer.Value, 16));
        Assert.Equal(0, guest.Call(Listen, fd, 16));
        Assert.Equal(1, ready);

        var second = (ulong)guest.Call(Socket, 2, 1, 0);
        Assert.Equal(-Errno.EACCES, guest.Call(Listen, second, 16));
        Assert.Equal(-Errno.EAGAIN, guest.Call(Accept4, fd, 0, 0, 0));

        guest.Write(guest.Buffer + 0x100, BitConverter.GetBytes(16));
        Assert.Equal(0, guest.Call(Getsockname, fd, guest.Buffer.Value + 0x80, guest.Buffer.Value + 0x100));
        Assert.Equal(8080, BinaryPrimitives.ReadUInt16BigEndian(guest.ReadBytes(guest.Buffer + 0x82, 2)));

        Assert.Equal(0, guest.Call(3, fd));
        Assert.False(host.SafeHandle.IsClosed);
    }

    [Fact]
    public void AcceptAndMessages_HostileArguments_ReturnEfaultWithoutLosingTheConnection()
    {
        using var host = SocketServerTests.Loopback();
        using var guest = new TestGuest(network: new GuestNetwork(host, null, allowOutbound: false));
        var fd = (ulong)guest.Call(Socket, 2, 1, 0);
        Assert.Equal(0, guest.Call(Listen, fd, 16));
        using var client = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)host.LocalEndPoint!);

        Assert.Equal(-Errno.EFAULT, guest.Call(Accept, fd, 0x10, 0x10));
        Assert.Equal(-Errno.EFAULT, guest.Call(Accept, fd, guest.Buffer.Value, guest.ReadOnlyPage.Value));
        Assert.Equal(-Errno.EINVAL, guest.Call(Accept4, fd, 0, 0, 0x1));

        guest.Write(guest.Buffer + 0x100, BitConverter.GetBytes(16));
        var connection = (ulong)guest.Call(Accept, fd, guest.Buffer.Value + 0x80, guest.Buffer.Value + 0x100);
        Assert.True((long)connection > 2);
        Assert.Equal(16, guest.Read<int>(guest.Buffer + 0x100));
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, BinaryPrimitives.ReadUInt16BigEndian(guest.ReadBytes(guest.Buffer + 0x82, 2)));

        // sendmsg: a header, then iovecs, out of reach, and an absurd vector count.
        Assert.Equal(-Errno.EFAULT, guest.Call(Sendmsg, connection, 0x10, 0));
        WriteMessage(guest, guest.Buffer + 0x200, iov: 0x10, count: 1);
        Assert.Equal(-Errno.EFAULT, guest.Call(Sendmsg, connection, guest.Buffer.Value + 0x200, 0));
        WriteMessage(guest, guest.Buffer + 0x200, iov: guest.Buffer.Value + 0x300, count: 1 << 20);
        Assert.Equal(-Errno.EMSGSIZE, guest.Call(Sendmsg, connection, guest.Buffer.Value + 0x200, 0));
        guest.Write(guest.Buffer + 0x300, Iovec(guest.Buffer.Value + 0x400, 1UL << 40));
        WriteMessage(guest, guest.Buffer + 0x200, iov: guest.Buffer.Value + 0x300, count: 1);
        Assert.Equal(-Errno.EINVAL, guest.Call(Sendmsg, connection, guest.Buffer.Value + 0x200, 0));

        // Two iovecs out, two back.
        guest.WriteString(guest.Buffer + 0x400, "ping");
        guest.WriteString(guest.Buffer + 0x410, "pong");
        guest.Write(guest.Buffer + 0x300, [.. Iovec(guest.Buffer.Value + 0x400, 4), .. Iovec(guest.Buffer.Value + 0x410, 4)]);
        WriteMessage(guest, guest.Buffer + 0x200, iov: guest.Buffer.Value + 0x300, count: 2);
        Assert.Equal(8, guest.Call(Sendmsg, connection, guest.Buffer.Value + 0x200, 0x4000));
        var echoed = new byte[8];
        Assert.Equal(8, client.Receive(echoed));
        Assert.Equal("pingpong"u8.ToArray(), echoed);

        client.Send("abcdefgh"u8);
        guest.Write(guest.Buffer + 0x300, [.. Iovec(guest.Buffer.Value + 0x500, 3), .. Iovec(guest.Buffer.Value + 0x510, 5)]);
        WriteMessage(guest, guest.Buffer + 0x200, iov: guest.Buffer.Value + 0x300, count: 2);
        Assert.Equal(-Errno.EFAULT, guest.Call(Recvmsg, connection, guest.ReadOnlyPage.Value, 0));
        Assert.Equal(8, guest.Call(Recvmsg, connection, guest.Buffer.Value + 0x200, 0x100));  // MSG_WAITALL
        Assert.Equal("abc"u8.ToArray(), guest.ReadBytes(guest.Buffer + 0x500, 3));
        Assert.Equal("defgh"u8.ToArray(), guest.ReadBytes(guest.Buffer + 0x510, 5));
    }

    private static byte[] Iovec(ulong address, ulong length)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, address);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), length);
        return bytes;
    }

    private static void WriteMessage(TestGuest guest, GuestAddress at, ulong iov, ulong count)
    {
        var header = new MessageHeader { Iov = iov, IovLength = count };
        Assert.True(guest.Memory.TryWrite(at, Flint.Vm.Memory.GuestAccess.Monitor, in header));
    }

    private static void WriteInet(TestGuest guest, GuestAddress at, ushort port, byte[]? address = null)
    {
        var bytes = new byte[16];
        bytes[0] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), port);
        (address ?? [0, 0, 0, 0]).CopyTo(bytes, 4);
        guest.Write(at, bytes);
    }
}
