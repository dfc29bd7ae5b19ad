using System.Text.Json;
using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary><c>--json</c> on the listing verbs: one JSON array on stdout, the table's columns as fields.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task LsJson_DeployedAndInvokedFunction_IsAnArrayWithItsFieldsAndCounts()
    {
        var image = await ReferenceFunctions.HelloAsync();
        using var data = new TempDirectory("flint-cli");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var empty = await FlintProcess.RunAsync("ls", "--json", "--gateway", gateway.Url);
        Assert.Equal(0, (await FlintProcess.RunAsync("deploy", "listed", "--image", image, "--mode", "keep-warm", "--gateway", gateway.Url)).ExitCode);
        Assert.Equal(0, (await FlintProcess.RunAsync("invoke", "listed", "--gateway", gateway.Url)).ExitCode);

        var listed = await FlintProcess.RunAsync("ls", "--json", "--gateway", gateway.Url);

        Assert.Equal((0, "[]"), (empty.ExitCode, empty.Stdout.Trim()));
        Assert.Equal(0, listed.ExitCode);
        using var document = JsonDocument.Parse(listed.Stdout);
        var function = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("listed", function.GetProperty("name").GetString());
        Assert.Equal("process", function.GetProperty("runtime").GetString());
        Assert.Equal("keep-warm", function.GetProperty("mode").GetString());
        Assert.Equal(1, function.GetProperty("instances").GetInt32());
        Assert.Equal(1, function.GetProperty("invocations").GetInt64());
        Assert.StartsWith("sha256:", function.GetProperty("image").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuntimesJson_AnyHost_ListsEveryRuntimeWithItsAvailability()
    {
        using var data = new TempDirectory("flint-cli");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));

        var listed = await FlintProcess.RunAsync("runtimes", "--json", "--gateway", gateway.Url);

        Assert.Equal(0, listed.ExitCode);
        using var document = JsonDocument.Parse(listed.Stdout);
        var runtimes = document.RootElement.EnumerateArray().ToList();
        var process = Assert.Single(runtimes, r => r.GetProperty("name").GetString() == "process");
        Assert.Equal(JsonValueKind.True, process.GetProperty("available").ValueKind);
        Assert.All(runtimes, r =>
        {
            Assert.Contains(r.GetProperty("available").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString()));
            Assert.Contains(r.GetProperty("reason").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        });
    }
}
