using System.Net;
using System.Net.Sockets;
using Flint.Runtimes;

namespace Flint.Gateway.Tests.Proxy;

/// <summary>
/// A runtime whose one "instance" is a loopback socket that never accepts and whose accept queue is
/// full: the kernel drops further SYNs, so connecting to it times out.
/// </summary>
internal sealed class FullBacklogRuntime : IInstanceRuntime, IDisposable
{
    public const string RuntimeName = "full-backlog";
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _queued = [];

    public FullBacklogRuntime()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _queued.Add(socket);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                socket.ConnectAsync(_listener.LocalEndPoint!, wait.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public string Name => RuntimeName;

    public RuntimeAvailability CheckAvailability() => RuntimeAvailability.Available;

    public Task<Instance> StartAsync(InstanceSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(new Instance("full-backlog-1", Name, ((IPEndPoint)_listener.LocalEndPoint!).Port, PhaseTimeline.StartNow(), this));

    public Task StopAsync(Instance instance, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var socket in _queued)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
