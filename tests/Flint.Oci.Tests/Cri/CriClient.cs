using System.Net.Sockets;
using Flint.Oci.Tests.Cri.Api;
using Grpc.Net.Client;

namespace Flint.Oci.Tests.Cri;

/// <summary>A CRI runtime-service client over containerd's Unix socket, as the kubelet connects to it (gRPC, HTTP/2 in clear).</summary>
internal sealed class CriClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public CriClient(string socket)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                return new NetworkStream(connection, ownsSocket: true);
            },
        };
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        Runtime = new RuntimeService.RuntimeServiceClient(_channel);
    }

    public RuntimeService.RuntimeServiceClient Runtime { get; }

    public void Dispose() => _channel.Dispose();
}
