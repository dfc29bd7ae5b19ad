using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Gateway.Tests.Images;
using Flint.Testing;
using Microsoft.Data.Sqlite;

namespace Flint.Gateway.Tests.Store;

/// <summary>
/// A data directory that fills under a running gateway (a small tmpfs mounted over it, filled to the last page): a
/// deploy that copies an image, an image upload and a deploy that only writes the function store are each refused
/// with a 507 naming the full data directory; nothing half-written is left, and once space is freed the gateway
/// deploys again and a restarted gateway still has, and runs, every function deployed before.
/// </summary>
public sealed class FullDataTests
{
    [Fact]
    public async Task Deploy_DataDirectoryFull_Returns507AndKeepsEveryFunctionAcrossARestart()
    {
        HostRequirements.RequireRoot();
        HostRequirements.RequireCommand("mount", "mount");
        using var data = new TempDirectory("flint-gateway");
        var image = await NativeTestFunctions.AnswersHelloAsync();
        if (Command.Run("mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "flint-full-data", data.Path) is { ExitCode: not 0 } mount)
        {
            Assert.Skip($"needs a tmpfs mount (mount -t tmpfs failed: {mount.Stderr.Trim()})");
        }

        try
        {
            await using (var gateway = await RunningGateway.StartAsync(data.Path))
            {
                await gateway.DeployAsync("kept", image);
                var stored = (await gateway.Client.GetFromJsonAsync<JsonElement>("/system/functions/kept", TestContext.Current.CancellationToken))
                    .GetProperty("image").GetString()!;
                var filler = Fill(data.Combine("filler"));

                using var copying = await gateway.Client.PostAsync("/system/functions", DeploySpec.Create("lost", image), TestContext.Current.CancellationToken);
                using var upload = await gateway.Client.PostAsync("/system/images", LayoutTar.Body(await LayoutTar.OfAsync(image)), TestContext.Current.CancellationToken);
                using var storing = await gateway.Client.PostAsync("/system/functions", DeploySpec.Create("lost-too", stored), TestContext.Current.CancellationToken);

                var copyingError = await ErrorBody.ReadAsync(copying);
                Assert.Equal(HttpStatusCode.InsufficientStorage, copying.StatusCode);
                Assert.Contains("cannot be stored: the data directory is full", copyingError, StringComparison.Ordinal);
                Assert.DoesNotContain(data.Path, copyingError, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.InsufficientStorage, upload.StatusCode);
                Assert.Contains("the uploaded image cannot be stored: the data directory is full", await ErrorBody.ReadAsync(upload), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.InsufficientStorage, storing.StatusCode);
                Assert.Contains("function store (functions.db in the data directory) cannot be written: the data directory is full", await ErrorBody.ReadAsync(storing), StringComparison.Ordinal);
                Assert.Empty(Directory.EnumerateFileSystemEntries(data.Combine("images", ".incoming")));

                File.Delete(filler);
                await gateway.DeployAsync("after", image);
            }

            Assert.Equal("ok", IntegrityCheck(data.Combine("functions.db")));
            await using var restarted = await RunningGateway.StartAsync(data.Path);
            using var kept = await restarted.Client.GetAsync("/function/kept/", TestContext.Current.CancellationToken);
            using var after = await restarted.Client.GetAsync("/function/after/", TestContext.Current.CancellationToken);
            using var lost = await restarted.Client.GetAsync("/system/functions/lost", TestContext.Current.CancellationToken);
            using var lostToo = await restarted.Client.GetAsync("/system/functions/lost-too", TestContext.Current.CancellationToken);
            Assert.Equal("Hello from C!\n", await kept.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Hello from C!\n", await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.NotFound, lost.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, lostToo.StatusCode);
        }
        finally
        {
            if (Command.Run("umount", data.Path).ExitCode != 0)
            {
                Command.Run("umount", "--lazy", data.Path);
            }
        }
    }

    /// <summary>Writes <paramref name="path"/> until its device has no page left; returns the path.</summary>
    private static string Fill(string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in new[] { 1 << 20, 4096 })
        {
            var block = new byte[chunk];
            try
            {
                while (true)
                {
                    file.Write(block);
                }
            }
            catch (IOException)
            {
                // Full at this chunk size; the next, smaller one takes what is left.
            }
        }

        return path;
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
