using System.Net.Sockets;
using System.Text;

namespace Hello;

/// <summary>Writes complete HTTP/1.1 responses.</summary>
internal static class Responses
{
    public static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    public static Task SendAsync(Socket socket, int status, string text, bool keepAlive, bool omitBody = false) =>
        SendAsync(socket, status, Encoding.ASCII.GetBytes(text), "text/plain; charset=utf-8", keepAlive, omitBody);

    public static async Task SendAsync(Socket socket, int status, byte[] body, string contentType, bool keepAlive, bool omitBody = false)
    {
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n"
            + (keepAlive ? "" : "Connection: close\r\n") + "\r\n");
        if (omitBody || body.Length == 0)
        {
            await socket.SendAsync(head, SocketFlags.None).ConfigureAwait(false);
            return;
        }

        if (body.Length <= 4096)
        {
            await socket.SendAsync((byte[])[.. head, .. body], SocketFlags.None).ConfigureAwait(false);
            return;
        }

        await socket.SendAsync(new List<ArraySegment<byte>> { head, body }, SocketFlags.None).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        _ => "Status",
    };
}
