using System.Net.Sockets;

namespace Hello;

/// <summary>Reads request heads and bodies from a socket, keeping bytes that arrive past a request for the next one.</summary>
internal sealed class RequestBuffer(Socket socket)
{
    private byte[] _data = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>The bytes up to and including the blank line, or null when the peer closed cleanly between requests.</summary>
    public async Task<byte[]?> ReadHeadAsync(int maxBytes)
    {
        var scanned = 0;
        while (true)
        {
            var terminator = IndexOfBlankLine(_start + scanned);
            if (terminator >= 0)
            {
                var head = _data[_start..terminator];
                _start = terminator;
                return head;
            }

            if (_end - _start > maxBytes)
            {
                throw new SocketException((int)SocketError.MessageSize);
            }

            // Relative to _start: FillAsync moves the unread bytes to the front of the buffer.
            scanned = Math.Max(0, _end - _start - 3);
            if (await FillAsync().ConfigureAwait(false) == 0)
            {
                return null;
            }
        }
    }

    public async Task<byte[]?> ReadBodyAsync(int length)
    {
        var body = new byte[length];
        var copied = Math.Min(length, _end - _start);
        Array.Copy(_data, _start, body, 0, copied);
        _start += copied;
        while (copied < length)
        {
            var read = await socket.ReceiveAsync(body.AsMemory(copied), SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            copied += read;
        }

        return body;
    }

    private int IndexOfBlankLine(int from)
    {
        var index = _data.AsSpan(from, _end - from).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : from + index + 4;
    }

    private async Task<int> FillAsync()
    {
        if (_start > 0)
        {
            Array.Copy(_data, _start, _data, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        var read = await socket.ReceiveAsync(_data.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
        _end += read;
        return read;
    }
}
