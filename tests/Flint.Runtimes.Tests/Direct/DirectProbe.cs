using System.Net;
using System.Net.Sockets;
using Flint.Runtimes.Direct;

namespace Flint.Runtimes.Tests.Direct;

/// <summary>What the direct-start tests do to a directly started instance: pick its port, wait for its answer.</summary>
internal static class DirectProbe
{
    /// <summary>A loopback port free a moment ago.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>GET / once the instance answers (up to about 20 s, or until its command exits).</summary>
    public static async Task<string> GetWhenUpAsync(DirectInstance instance)
    {
        using var client = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetStringAsync(new Uri($"http://127.0.0.1:{instance.Port}/"), TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException) when (attempt < 400 && !instance.HasExited)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }
}
