using System.Net.Sockets;
using System.Text;

namespace Hello;

/// <summary>Serves HTTP/1.1 requests on one accepted connection until the client or an error closes it.</summary>
internal static class Connection
{
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public static async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        socket.NoDelay = true;
        var buffer = new RequestBuffer(socket);
        try
        {
            while (true)
            {
                var head = await buffer.ReadHeadAsync(MaxHeaderBytes).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                if (!RequestHead.TryParse(head, out var request))
                {
                    await Responses.SendAsync(socket, 400, "bad request\n", keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (request.Chunked)
                {
                    await Responses.SendAsync(socket, 411, "length required\n", keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (request.ContentLength is < 0 or > MaxBodyBytes)
                {
                    await Responses.SendAsync(socket, 413, "body too large\n", keepAlive: false).ConfigureAwait(false);
                    return;
                }

                if (request.ExpectContinue && request.ContentLength > 0)
                {
                    await socket.SendAsync(Responses.Continue, SocketFlags.None).ConfigureAwait(false);
                }

                var body = await buffer.ReadBodyAsync((int)request.ContentLength).ConfigureAwait(false);
                if (body is null)
                {
                    return;
                }

                await RespondAsync(socket, request, body).ConfigureAwait(false);
                if (!request.KeepAlive)
                {
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (SocketException)
        {
            // The client went away; nothing to answer.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static Task RespondAsync(Socket socket, RequestHead request, byte[] body) => (request.Method, request.Path) switch
    {
        ("GET" or "HEAD", "/") => Responses.SendAsync(socket, 200, "Hello from Flint!\n", request.KeepAlive, omitBody: request.Method == "HEAD"),
        ("POST", "/echo") => Responses.SendAsync(socket, 200, body, "application/octet-stream", request.KeepAlive),
        (_, "/" or "/echo") => Responses.SendAsync(socket, 405, "method not allowed\n", request.KeepAlive),
        _ => Responses.SendAsync(socket, 404, Encoding.ASCII.GetBytes("not found: " + request.Path + "\n"), "text/plain", request.KeepAlive),
    };
}
