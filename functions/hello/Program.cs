// The reference function: a minimal HTTP/1.1 server on raw System.Net.Sockets.
//
// Why not Kestrel: this program is what every runtime is compared on, so its own start-up must be
// small and predictable. Kestrel's host brings dependency injection, configuration, logging and a
// second thread pool of work before the first accept; a raw socket server reaches `listen` in a few
// hundred syscalls. The Kestrel variant lives in functions/hello-kestrel as the "realistic app" case.
using System.Net;
using System.Net.Sockets;
using Hello;

var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } text && int.TryParse(text, out var parsed)
    ? parsed
    : 8080;

// HOST narrows the listening address (the platform sets 127.0.0.1 where instances share the host's
// network); the container contract's default is every interface.
var host = Environment.GetEnvironmentVariable("HOST") is { Length: > 0 } address && IPAddress.TryParse(address, out var ip)
    ? ip
    : IPAddress.Any;

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
listener.Bind(new IPEndPoint(host, port));
listener.Listen(512);

while (true)
{
    var connection = await listener.AcceptAsync().ConfigureAwait(false);
    _ = Task.Run(() => Connection.ServeAsync(connection));
}
