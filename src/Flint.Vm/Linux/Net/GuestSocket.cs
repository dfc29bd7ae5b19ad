using System.Net;
using System.Net.Sockets;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.Net;

/// <summary>
/// A guest TCP socket. Its host side is a non-blocking <see cref="Socket"/>: the caller's listening socket once the
/// guest listens (never closed here), a host connection once accepted or connected. A blocking guest call waits on
/// the host socket in short slices, so only the calling guest thread waits and a stopping VM ends the wait (EINTR).
/// </summary>
internal sealed class GuestSocket : OpenFile, Events.IIoGeneration
{
    public const int SOCK_STREAM = 1;
    public const int SOCK_NONBLOCK = FileFlags.O_NONBLOCK;
    public const int SOCK_CLOEXEC = FileFlags.O_CLOEXEC;
    public const int MSG_PEEK = 0x2;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_WAITALL = 0x100;
    public const int MSG_NOSIGNAL = 0x4000;
    private const int WaitSliceMicroseconds = 50_000;
    private const ulong FIONREAD = 0x541B;
    private const ulong FIONBIO = 0x5421;

    private readonly Lock _lock = new();
    private Socket? _host;
    private bool _ownsHost;
    private bool _readShut;
    private bool _writeShut;
    private long _generation;

    public GuestSocket(int family, int statusFlags)
    {
        Family = family;
        StatusFlags = FileFlags.O_RDWR | (statusFlags & FileFlags.O_NONBLOCK);
    }

    private GuestSocket(int family, Socket connection, IPEndPoint local, SocketOptions inherited)
        : this(family, 0)
    {
        _host = connection;
        _ownsHost = true;
        LocalEndPoint = local;
        State = SocketState.Connected;
        if (inherited.IsSet(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY))
        {
            _ = Options.Set(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, BitConverter.GetBytes(1));
            connection.NoDelay = true;
        }
    }

    public override uint Mode => FileFlags.TypeSocket | 0x1FF;

    public int Family { get; }

    public SocketState State { get; private set; }

    /// <summary>The address the guest bound (what getsockname shows), not the host's.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    public SocketOptions Options { get; } = new();

    /// <summary>The host socket a wait on this one watches; null before listen or connect.</summary>
    public Socket? HostSocket => _host;

    public long IoGeneration => Interlocked.Read(ref _generation);

    public long Bind(GuestNetwork network, IPEndPoint endpoint)
    {
        if (network.ListenSocket is null)
        {
            return -Errno.EACCES;
        }

        lock (_lock)
        {
            if (State != SocketState.Created)
            {
                return -Errno.EINVAL;
            }

            LocalEndPoint = endpoint;
            State = SocketState.Bound;
            return 0;
        }
    }

    /// <summary>
    /// A socket from a snapshot: one created or bound comes back as it was; a listening one takes over this VM's
    /// listening socket (the guest's local port becomes the new one). -EACCES when the VM was lent no listener.
    /// </summary>
    public long Restore(GuestNetwork network, SocketState state, IPEndPoint? local)
    {
        lock (_lock)
        {
            LocalEndPoint = local;
            State = state is SocketState.Bound ? SocketState.Bound : SocketState.Created;
        }

        if (state is not SocketState.Listening)
        {
            return state is SocketState.Created or SocketState.Bound ? 0 : -Errno.EINVAL;
        }

        var result = Listen(network);
        if (result == 0 && local is not null && network.ListenSocket?.LocalEndPoint is IPEndPoint host)
        {
            LocalEndPoint = new IPEndPoint(local.Address, host.Port);
        }

        return result;
    }

    public long Listen(GuestNetwork network)
    {
        lock (_lock)
        {
            if (State == SocketState.Listening)
            {
                return 0;
            }

            if (State is not (SocketState.Created or SocketState.Bound))
            {
                return -Errno.EINVAL;
            }

            if (network.ListenSocket is not { } listener || !network.TryAdoptListener())
            {
                return -Errno.EACCES;
            }

            listener.Blocking = false;
            _host = listener;
            _ownsHost = false;
            LocalEndPoint ??= new IPEndPoint(Family == SocketAddresses.AF_INET ? IPAddress.Any : IPAddress.IPv6Any, ((IPEndPoint)listener.LocalEndPoint!).Port);
            State = SocketState.Listening;
            return 0;
        }
    }

    /// <summary>Accepts a host connection as a new guest socket; -EAGAIN when none is queued and the guest does not wait.</summary>
    public long Accept(GuestProcess process, bool nonBlocking, out GuestSocket? accepted)
    {
        accepted = null;
        if (State != SocketState.Listening || _host is not { } listener)
        {
            return -Errno.EINVAL;
        }

        while (true)
        {
            Interlocked.Increment(ref _generation);
            try
            {
                var connection = listener.Accept();
                connection.Blocking = false;
                accepted = new GuestSocket(Family, connection, LocalEndPoint!, Options);
                return 0;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.TryAgain)
            {
            }
            catch (SocketException e)
            {
                return SocketErrors.ToErrno(e.SocketErrorCode);
            }
            catch (ObjectDisposedException)
            {
                return -Errno.EBADF;
            }

            var wait = Wait(process, nonBlocking, listener, SelectMode.SelectRead);
            if (wait < 0)
            {
                return wait;
            }
        }
    }

    public long Connect(GuestProcess process, IPEndPoint endpoint)
    {
        Socket host;
        lock (_lock)
        {
            if (State is SocketState.Connected)
            {
                return -Errno.EISCONN;
            }

            if (State is SocketState.Listening)
            {
                return -Errno.EINVAL;
            }

            if (State is SocketState.Connecting)
            {
                return -Errno.EALREADY;
            }

            host = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            _host = host;
            _ownsHost = true;
            State = SocketState.Connecting;
        }

        try
        {
            host.Connect(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.TryAgain)
        {
            if (IsNonBlocking)
            {
                return -Errno.EINPROGRESS;
            }

            while (!PollOutside(process, host, SelectMode.SelectWrite))
            {
                if (process.Stopping.IsCancellationRequested)
                {
                    return -Errno.EINTR;
                }
            }

            var error = (SocketError)(int)host.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
            {
                return SocketErrors.ToErrno(error);
            }
        }
        catch (SocketException e)
        {
            return SocketErrors.ToErrno(e.SocketErrorCode);
        }

        State = SocketState.Connected;
        return 0;
    }

    public override long Read(GuestProcess process, Span<byte> buffer) => Receive(process, buffer, 0);

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data) => Send(process, data, 0);

    public long Receive(GuestProcess process, Span<byte> buffer, int flags)
    {
        if (Connection() is not { } host)
        {
            return -Errno.ENOTCONN;
        }

        if (_readShut || buffer.IsEmpty)
        {
            return 0;
        }

        var nonBlocking = IsNonBlocking || (flags & MSG_DONTWAIT) != 0;
        var socketFlags = (flags & MSG_PEEK) != 0 ? SocketFlags.Peek : SocketFlags.None;
        var waitAll = (flags & MSG_WAITALL) != 0 && socketFlags == SocketFlags.None && !nonBlocking;
        var received = 0;
        while (true)
        {
            Interlocked.Increment(ref _generation);
            int count;
            SocketError error;
            try
            {
                count = host.Receive(buffer[received..], socketFlags, out error);
            }
            catch (ObjectDisposedException)
            {
                return received > 0 ? received : -Errno.EBADF;
            }

            if (error == SocketError.Success)
            {
                received += count;
                if (count == 0 || !waitAll || received == buffer.Length)
                {
                    return received;
                }
            }
            else if (error is not (SocketError.WouldBlock or SocketError.TryAgain))
            {
                return received > 0 ? received : SocketErrors.ToErrno(error);
            }

            var wait = Wait(process, nonBlocking, host, SelectMode.SelectRead);
            if (wait < 0)
            {
                return received > 0 ? received : wait;
            }
        }
    }

    /// <summary>
    /// Sends all of <paramref name="data"/> unless the socket is non-blocking (then what fits now). A write to a
    /// closed or shut-down connection is EPIPE; Linux would also raise SIGPIPE without MSG_NOSIGNAL, which is left
    /// out: the guest sees EPIPE either way.
    /// </summary>
    public long Send(GuestProcess process, ReadOnlySpan<byte> data, int flags)
    {
        if (Connection() is not { } host)
        {
            return -Errno.ENOTCONN;
        }

        if (_writeShut)
        {
            return -Errno.EPIPE;
        }

        var nonBlocking = IsNonBlocking || (flags & MSG_DONTWAIT) != 0;
        var sent = 0;
        while (sent < data.Length || data.IsEmpty)
        {
            Interlocked.Increment(ref _generation);
            int count;
            SocketError error;
            try
            {
                count = host.Send(data[sent..], SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                return sent > 0 ? sent : -Errno.EBADF;
            }

            if (error == SocketError.Success)
            {
                sent += count;
                if (nonBlocking || data.IsEmpty)
                {
                    return sent;
                }

                continue;
            }

            if (error is not (SocketError.WouldBlock or SocketError.TryAgain))
            {
                return sent > 0 ? sent : error == SocketError.ConnectionReset ? -Errno.EPIPE : SocketErrors.ToErrno(error);
            }

            var wait = Wait(process, nonBlocking && sent == 0, host, SelectMode.SelectWrite);
            if (wait < 0 || nonBlocking)
            {
                return sent > 0 ? sent : wait;
            }
        }

        return sent;
    }

    public long Shutdown(int how)
    {
        if (how is < 0 or > 2)
        {
            return -Errno.EINVAL;
        }

        if (Connection() is not { } host)
        {
            return -Errno.ENOTCONN;
        }

        try
        {
            host.Shutdown(how switch { 0 => SocketShutdown.Receive, 1 => SocketShutdown.Send, _ => SocketShutdown.Both });
        }
        catch (SocketException e)
        {
            return SocketErrors.ToErrno(e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return -Errno.EBADF;
        }

        _readShut |= how != 1;
        _writeShut |= how != 0;
        return 0;
    }

    /// <summary>The guest's own address: what it bound, loopback for a wildcard once connected.</summary>
    public IPEndPoint? VisibleLocal()
    {
        if (State == SocketState.Connected && _host?.LocalEndPoint is IPEndPoint hostLocal && LocalEndPoint is null)
        {
            return hostLocal;
        }

        if (LocalEndPoint is not { } local)
        {
            return null;
        }

        return State is SocketState.Listening || !(local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any))
            ? local
            : new IPEndPoint(IPAddress.Loopback, local.Port);
    }

    public IPEndPoint? PeerEndPoint()
    {
        try
        {
            return State == SocketState.Connected ? _host?.RemoteEndPoint as IPEndPoint : null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    public void SetNoDelay(bool enabled)
    {
        if (_ownsHost && _host is { } host)
        {
            try
            {
                host.NoDelay = enabled;
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public override long Ioctl(GuestProcess process, ulong request, ulong argument)
    {
        switch (request)
        {
            case FIONBIO:
                if (!process.Memory.TryRead(new GuestAddress(argument), Memory.GuestAccess.UserRead, out int on))
                {
                    return -Errno.EFAULT;
                }

                StatusFlags = on != 0 ? StatusFlags | FileFlags.O_NONBLOCK : StatusFlags & ~FileFlags.O_NONBLOCK;
                return 0;
            case FIONREAD:
                var available = State == SocketState.Connected && _host is { } host ? SafeAvailable(host) : 0;
                return process.Memory.TryWrite(new GuestAddress(argument), Memory.GuestAccess.UserWrite, available) ? 0 : -Errno.EFAULT;
            default:
                return -Errno.ENOTTY;
        }
    }

    public override void Describe(ref Abi.LinuxStat stat)
    {
        stat.Inode = (ulong)GetHashCode();
    }

    public override PollEvents Poll()
    {
        var host = _host;
        try
        {
            switch (State)
            {
                case SocketState.Listening:
                    return host!.Poll(0, SelectMode.SelectRead) ? PollEvents.In : PollEvents.None;
                case SocketState.Connected:
                    var events = PollEvents.None;
                    if (_readShut)
                    {
                        events |= PollEvents.In | PollEvents.ReadHangUp;
                    }
                    else if (host!.Poll(0, SelectMode.SelectRead))
                    {
                        events |= PollEvents.In;
                        if (host.Available == 0)
                        {
                            events |= PollEvents.ReadHangUp;
                        }
                    }

                    if (host!.Poll(0, SelectMode.SelectWrite))
                    {
                        events |= PollEvents.Out;
                    }

                    if (_readShut && _writeShut)
                    {
                        events |= PollEvents.HangUp;
                    }

                    return events;
                case SocketState.Connecting:
                    return host!.Poll(0, SelectMode.SelectWrite) ? PollEvents.Out : PollEvents.None;
                default:
                    return PollEvents.Out | PollEvents.HangUp;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return PollEvents.Error | PollEvents.HangUp;
        }
    }

    protected override void OnClosed()
    {
        Socket? owned;
        lock (_lock)
        {
            owned = _ownsHost ? _host : null;
            _host = null;
        }

        owned?.Dispose();
    }

    private static int SafeAvailable(Socket host)
    {
        try
        {
            return host.Available;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>One wait slice on the host socket, with the other guest threads running meanwhile.</summary>
    private static bool PollOutside(GuestProcess process, Socket host, SelectMode mode)
    {
        using (process.LetOthersRun())
        {
            return host.Poll(WaitSliceMicroseconds, mode);
        }
    }

    /// <summary>Waits one slice for the host socket; -EAGAIN for a non-blocking call, -EINTR once the VM is stopping.</summary>
    private static long Wait(GuestProcess process, bool nonBlocking, Socket host, SelectMode mode)
    {
        if (nonBlocking)
        {
            return -Errno.EAGAIN;
        }

        if (process.Stopping.IsCancellationRequested)
        {
            return -Errno.EINTR;
        }

        try
        {
            PollOutside(process, host, mode);
        }
        catch (SocketException e)
        {
            return SocketErrors.ToErrno(e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            return -Errno.EBADF;
        }

        return process.Stopping.IsCancellationRequested ? -Errno.EINTR : 0;
    }

    private Socket? Connection() => State == SocketState.Connected ? _host : null;
}
