using System.Buffers.Binary;
using Flint.Interop.Libc;

namespace Flint.Vm.Linux.Net;

/// <summary>
/// The socket options a guest sets, recorded per socket and answered back by getsockopt, with Linux's defaults for
/// those it asks without setting. Only the levels a TCP socket has are accepted.
/// </summary>
internal sealed class SocketOptions
{
    public const int SOL_SOCKET = 1;
    public const int IPPROTO_IP = 0;
    public const int IPPROTO_TCP = 6;
    public const int IPPROTO_IPV6 = 41;
    public const int SO_REUSEADDR = 2;
    public const int SO_TYPE = 3;
    public const int SO_ERROR = 4;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;
    public const int SO_KEEPALIVE = 9;
    public const int SO_LINGER = 13;
    public const int SO_REUSEPORT = 15;
    public const int SO_ACCEPTCONN = 30;
    public const int SO_PROTOCOL = 38;
    public const int SO_DOMAIN = 39;
    public const int TCP_NODELAY = 1;
    public const int IPV6_V6ONLY = 26;
    public const int MaxValueBytes = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<(int Level, int Name), byte[]> _values = [];

    /// <summary>Every recorded value, which a snapshot keeps.</summary>
    public KeyValuePair<(int Level, int Name), byte[]>[] All
    {
        get
        {
            lock (_lock)
            {
                return [.. _values];
            }
        }
    }

    public static bool IsKnownLevel(int level) => level is SOL_SOCKET or IPPROTO_IP or IPPROTO_TCP or IPPROTO_IPV6;

    /// <summary>Records a value; -EINVAL for a length no option of that size has.</summary>
    public long Set(int level, int name, ReadOnlySpan<byte> value)
    {
        if (!IsKnownLevel(level))
        {
            return -Errno.ENOPROTOOPT;
        }

        if (value.Length < sizeof(int) || value.Length > MaxValueBytes)
        {
            return -Errno.EINVAL;
        }

        lock (_lock)
        {
            _values[(level, name)] = value.ToArray();
        }

        return 0;
    }

    public bool IsSet(int level, int name)
    {
        lock (_lock)
        {
            return _values.TryGetValue((level, name), out var value) && BinaryPrimitives.ReadInt32LittleEndian(value) != 0;
        }
    }

    /// <summary>The recorded value, or the default for options a guest commonly reads; null when the option is unknown.</summary>
    public byte[]? Get(int level, int name, GuestSocket socket)
    {
        lock (_lock)
        {
            if (_values.TryGetValue((level, name), out var value))
            {
                return value;
            }
        }

        int? fallback = (level, name) switch
        {
            (SOL_SOCKET, SO_TYPE) => 1,
            (SOL_SOCKET, SO_ERROR) => 0,
            (SOL_SOCKET, SO_DOMAIN) => socket.Family,
            (SOL_SOCKET, SO_PROTOCOL) => IPPROTO_TCP,
            (SOL_SOCKET, SO_ACCEPTCONN) => socket.State == SocketState.Listening ? 1 : 0,
            (SOL_SOCKET, SO_SNDBUF) => 16384,
            (SOL_SOCKET, SO_RCVBUF) => 131072,
            (SOL_SOCKET, SO_REUSEADDR or SO_REUSEPORT or SO_KEEPALIVE) => 0,
            (IPPROTO_TCP, TCP_NODELAY) => 0,
            (IPPROTO_IPV6, IPV6_V6ONLY) => 0,
            _ => null,
        };
        if ((level, name) == (SOL_SOCKET, SO_LINGER))
        {
            return new byte[8];
        }

        if (fallback is not { } number)
        {
            return null;
        }

        var bytes = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, number);
        return bytes;
    }
}
