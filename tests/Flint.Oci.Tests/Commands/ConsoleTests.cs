using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Flint.Interop.Libc;
using Flint.Oci.Bundle;
using Flint.Testing;
using Microsoft.Win32.SafeHandles;

namespace Flint.Oci.Tests.Commands;

/// <summary>
/// A process that asks for a terminal: <c>create --console-socket</c> hands the console's master over the socket
/// as runc does (SCM_RIGHTS), and the guest's output arrives on it.
/// </summary>
public sealed class ConsoleTests : IDisposable
{
    public static TheoryData<string> Platforms => LifecycleTests.Platforms;

    public void Dispose() => EmptyCgroupParents.Remove("flint-oci");

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Create_Terminal_SendsTheConsoleMasterThatCarriesTheGuestsOutput(string platform)
    {
        HostRequirements.RequireRoot();
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        using var sockets = new TempDirectory("flint-oci-console");
        var port = FlintOciCli.FreePort();
        bundle.Process["terminal"] = true;
        bundle.Process["env"] = new JsonArray($"PORT={port}");
        bundle.Config["annotations"] = new JsonObject { [BundlePlanner.PlatformAnnotation] = platform };
        bundle.Write();
        var path = sockets.Combine("console.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var received = Task.Run(() => ReceiveDescriptor(listener), TestContext.Current.CancellationToken);

        var created = oci.Run("create", "--bundle", bundle.Path, "--console-socket", path, "tty");

        Assert.True(created.ExitCode == 0, File.Exists(oci.LogPath) ? File.ReadAllText(oci.LogPath) : created.Stderr);
        using var master = new FileStream(new SafeFileHandle(await received.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), ownsHandle: true), FileAccess.Read, bufferSize: 0);
        Assert.Equal(0, oci.Run("start", "tty").ExitCode);
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("Hello from C!\n", await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken));
        }

        var output = new StringBuilder();
        var buffer = new byte[256];
        while (!output.ToString().Contains("answered", StringComparison.Ordinal))
        {
            var read = await master.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            Assert.True(read > 0, $"the console ended before the guest's output: '{output}'");
            output.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Equal(0, oci.Run("delete", "--force", "tty").ExitCode);
    }

    [Fact]
    public async Task Create_TerminalWithoutConsoleSocket_IsRefused()
    {
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        bundle.Process["terminal"] = true;
        bundle.Write();

        Assert.Equal(1, oci.Run("create", "--bundle", bundle.Path, "notty").ExitCode);
        Assert.Equal("process.terminal is set but no --console-socket was given", oci.LastError());
    }

    /// <summary>Accepts one connection and returns the descriptor its SCM_RIGHTS message carries.</summary>
    private static unsafe int ReceiveDescriptor(Socket listener)
    {
        using var connection = listener.Accept();
        var name = stackalloc byte[64];
        var control = stackalloc byte[SocketMessages.RightsSpace];
        var vector = new iovec { iov_base = name, iov_len = 64 };
        var message = new msghdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = SocketMessages.RightsSpace };
        var length = SocketMessages.recvmsg((int)connection.Handle, &message, 0);
        Assert.True(length > 0, $"recvmsg: {Errno.Name(Marshal.GetLastPInvokeError())}");
        var header = (cmsghdr*)control;
        Assert.Equal(SocketMessages.SCM_RIGHTS, header->cmsg_type);
        return *(int*)(control + sizeof(cmsghdr));
    }
}
