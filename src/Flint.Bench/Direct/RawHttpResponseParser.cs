using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Flint.Bench.Direct;

/// <summary>
/// Reads one HTTP/1.1 response from bytes as they arrive: the status line, the headers up to the blank
/// line, then <c>Content-Length</c> bytes of body (or everything until the connection closes when
/// there is no length). No chunked encoding: the functions measured answer with a length.
/// </summary>
public sealed class RawHttpResponseParser
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly List<byte> _buffer = [];
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private int _headerLength = -1;
    private int _status;
    private long? _contentLength;

    /// <summary>
    /// Receives from a blocking <paramref name="socket"/> until the whole response is in or the peer closes, and gives
    /// <see cref="Result"/>. Throws <see cref="SocketException"/> as <see cref="Socket.Receive(byte[])"/> does.
    /// </summary>
    public RawHttpReply ReadFrom(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[8192];
        while (true)
        {
            var received = socket.Receive(buffer);
            if (received == 0)
            {
                return Result(closed: true);
            }

            if (Add(buffer.AsSpan(0, received)))
            {
                return Result(closed: false);
            }
        }
    }

    /// <summary>Adds received bytes; true once the whole response is in.</summary>
    public bool Add(ReadOnlySpan<byte> bytes)
    {
        _buffer.AddRange(bytes);
        if (_headerLength < 0)
        {
            var end = IndexOf(_buffer, HeaderEnd);
            if (end < 0)
            {
                return false;
            }

            _headerLength = end + HeaderEnd.Length;
            ParseHead(Encoding.ASCII.GetString([.. _buffer.GetRange(0, end)]));
        }

        return _contentLength is { } length && _buffer.Count - _headerLength >= length;
    }

    /// <summary>A header of the response head once it is in (repeated headers joined with commas); null when absent.</summary>
    public string? Header(string name) => _headers.GetValueOrDefault(name);

    /// <summary>The response so far; <paramref name="closed"/> when the peer closed the connection (then a body without a length is complete).</summary>
    public RawHttpReply Result(bool closed)
    {
        if (_headerLength < 0)
        {
            return RawHttpReply.Failed(_buffer.Count == 0 ? "connection closed before any response" : "connection closed inside the response head");
        }

        var available = _buffer.Count - _headerLength;
        if (_contentLength is { } length && available < length)
        {
            return RawHttpReply.Failed($"connection closed after {available} of {length} body bytes");
        }

        if (_contentLength is null && !closed)
        {
            return RawHttpReply.Failed("response has no Content-Length and the connection is still open");
        }

        var body = Encoding.UTF8.GetString([.. _buffer.GetRange(_headerLength, (int)(_contentLength ?? available))]);
        return _status == 0 ? RawHttpReply.Failed("malformed status line") : new RawHttpReply(_status, body, null);
    }

    private void ParseHead(string head)
    {
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length >= 2 && status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            _status = code;
        }

        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            _headers[name] = _headers.TryGetValue(name, out var earlier) ? $"{earlier},{value}" : value;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                _contentLength = length;
            }
        }
    }

    private static int IndexOf(List<byte> buffer, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = buffer[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
