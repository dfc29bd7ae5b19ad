using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hello;

/// <summary>
/// The socket to serve: the one the platform passed as descriptor 3 (socket activation, as systemd
/// does it: <c>LISTEN_FDS=1</c> and <c>LISTEN_PID</c> naming this process), otherwise a socket bound to
/// <c>HOST:PORT</c> (the container contract, for runtimes that cannot pass a socket).
/// </summary>
internal static class ListenSocket
{
    private const int FirstPassedDescriptor = 3;

    public static Socket Open() => Passed() ?? Bind();

    private static Socket? Passed()
    {
        if (Environment.GetEnvironmentVariable("LISTEN_FDS") is not { Length: > 0 } count || !int.TryParse(count, out var fds) || fds < 1
            || Environment.GetEnvironmentVariable("LISTEN_PID") != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        // The variables were for this process only; children must not believe they were meant for them.
        Environment.SetEnvironmentVariable("LISTEN_FDS", null);
        Environment.SetEnvironmentVariable("LISTEN_PID", null);
        return new Socket(new SafeSocketHandle(FirstPassedDescriptor, ownsHandle: true));
    }

    private static Socket Bind()
    {
        var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } text && int.TryParse(text, out var parsed)
            ? parsed
            : 8080;

        // HOST narrows the listening address (the platform sets 127.0.0.1 where instances share the host's
        // network); the container contract's default is every interface.
        var host = Environment.GetEnvironmentVariable("HOST") is { Length: > 0 } address && IPAddress.TryParse(address, out var ip)
            ? ip
            : IPAddress.Any;

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(host, port));
        listener.Listen(512);
        return listener;
    }
}
