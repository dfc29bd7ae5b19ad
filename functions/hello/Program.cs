// The reference function: a minimal HTTP/1.1 server on raw System.Net.Sockets.
//
// Why not Kestrel: this program is what every runtime is compared on, so its own start-up must be
// small and predictable. Kestrel's host brings dependency injection, configuration, logging and a
// second thread pool of work before the first accept; a raw socket server reaches `listen` in a few
// hundred syscalls. The Kestrel variant lives in functions/hello-kestrel as the "realistic app" case.
using Hello;

// The platform passes a listening socket (LISTEN_FDS) where it can; otherwise bind HOST:PORT.
using var listener = ListenSocket.Open();

while (true)
{
    var connection = await listener.AcceptAsync().ConfigureAwait(false);
    _ = Task.Run(() => Connection.ServeAsync(connection));
}
