using System.Text;

namespace Hello;

/// <summary>The parts of an HTTP/1.1 request head this server acts on.</summary>
internal sealed record RequestHead(string Method, string Path, long ContentLength, bool KeepAlive, bool Chunked, bool ExpectContinue)
{
    public static bool TryParse(byte[] head, out RequestHead request)
    {
        request = null!;
        var lines = Encoding.ASCII.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return false;
        }

        var http10 = requestLine[2] == "HTTP/1.0";
        long contentLength = 0;
        var keepAlive = !http10;
        var chunked = false;
        var expectContinue = false;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, out contentLength))
                {
                    return false;
                }
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                keepAlive = value.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                    || (!http10 && !value.Equals("close", StringComparison.OrdinalIgnoreCase));
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                expectContinue = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            }
        }

        var path = requestLine[1];
        var query = path.IndexOf('?', StringComparison.Ordinal);
        request = new RequestHead(requestLine[0], query >= 0 ? path[..query] : path, contentLength, keepAlive, chunked, expectContinue);
        return true;
    }
}
