using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Store;

/// <summary>
/// A data directory that turns read-only under a running gateway (a read-only bind mount over it): a deploy
/// and a delete are refused with a 503 naming what could not be written, and the store keeps exactly what it held.
/// </summary>
public sealed class ReadOnlyDataTests
{
    [Fact]
    public async Task Deploy_DataDirectoryReadOnly_Returns503NamingTheStoreAndKeepsItIntact()
    {
        HostRequirements.RequireRoot();
        HostRequirements.RequireCommand("mount", "mount");
        using var data = new TempDirectory("flint-gateway");
        var image = await NativeTestFunctions.AnswersHelloAsync();
        await using (var gateway = await RunningGateway.StartAsync(data.Path))
        {
            await gateway.DeployAsync("kept", image);
            if (Command.Run("mount", "--bind", data.Path, data.Path) is { ExitCode: not 0 } bind)
            {
                Assert.Skip($"needs bind mounts (mount --bind failed: {bind.Stderr.Trim()})");
            }

            try
            {
                var remount = Command.Run("mount", "-o", "remount,bind,ro", data.Path);
                Assert.True(remount.ExitCode == 0, remount.Stderr);

                using var deploy = await gateway.Client.PostAsync(
                    "/system/functions", DeploySpec.Create("lost", image), TestContext.Current.CancellationToken);
                using var delete = await gateway.Client.DeleteAsync("/system/functions/kept", TestContext.Current.CancellationToken);

                Assert.Equal(HttpStatusCode.ServiceUnavailable, deploy.StatusCode);
                Assert.Contains("cannot be stored in the data directory: Read-only file system", await ErrorBody.ReadAsync(deploy), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, delete.StatusCode);
                Assert.Contains("function store (functions.db in the data directory) cannot be written", await ErrorBody.ReadAsync(delete), StringComparison.Ordinal);
                using var stillThere = await gateway.Client.GetAsync("/system/functions/kept", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
            }
            finally
            {
                Command.Run("umount", data.Path);
            }
        }

        await using var restarted = await RunningGateway.StartAsync(data.Path);
        using var kept = await restarted.Client.GetAsync("/system/functions/kept", TestContext.Current.CancellationToken);
        using var lost = await restarted.Client.GetAsync("/system/functions/lost", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lost.StatusCode);
    }
}
