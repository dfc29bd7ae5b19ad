using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flint.Testing;

namespace Flint.Gateway.Tests.Ui;

public sealed class UiDataTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("flint-gateway");
    private readonly TempDirectory _reports = new("flint-bench-results");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() =>
        _gateway = await RunningGateway.StartAsync(_data.Path, o => o with { BenchResultsDirectory = _reports.Path });

    [Fact]
    public async Task Data_AfterAColdStartedInvocation_ListsTheFunctionItsCountAndItsColdStart()
    {
        await _gateway.DeployHelloAsync("shown", new { mode = "keep-warm", idleTimeout = "1h" });
        using var invoked = await _gateway.Client.GetAsync("/function/shown/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        using var anonymous = _gateway.Anonymous();

        // The gateway counts an invocation once its response has ended, just after the client has read it.
        var data = await anonymous.GetFromJsonAsync<JsonElement>("/ui/data", TestContext.Current.CancellationToken);
        for (var attempt = 0; attempt < 100 && data.GetProperty("coldStarts").GetArrayLength() == 0; attempt++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            data = await anonymous.GetFromJsonAsync<JsonElement>("/ui/data", TestContext.Current.CancellationToken);
        }

        var function = Assert.Single(data.GetProperty("functions").EnumerateArray());
        Assert.Equal("shown", function.GetProperty("name").GetString());
        Assert.Equal("process", function.GetProperty("runtime").GetString());
        Assert.Equal("keep-warm", function.GetProperty("mode").GetString());
        Assert.Equal(1, function.GetProperty("instances").GetInt32());
        Assert.Equal(1, function.GetProperty("invocations").GetInt64());
        var coldStart = Assert.Single(data.GetProperty("coldStarts").EnumerateArray());
        Assert.Equal("shown", coldStart.GetProperty("function").GetString());
        Assert.Equal(1, coldStart.GetProperty("count").GetInt64());
        Assert.Equal(data.GetProperty("bucketSeconds").GetArrayLength() + 1, coldStart.GetProperty("counts").GetArrayLength());
        Assert.Equal(1, coldStart.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
    }

    [Fact]
    public async Task Data_NoReportFolderYet_HasNoReport()
    {
        using var anonymous = _gateway.Anonymous();

        var data = await anonymous.GetFromJsonAsync<JsonElement>("/ui/data", TestContext.Current.CancellationToken);

        Assert.Equal(JsonValueKind.Null, data.GetProperty("report").ValueKind);
        Assert.Empty(data.GetProperty("functions").EnumerateArray());
    }

    [Fact]
    public async Task Report_SeveralRuns_ServesOnlyTheNewestCompleteRunsMarkdownAndCharts()
    {
        WriteRun("20250101-000000", "report.md", "old.svg");
        WriteRun("20250102-000000", "report.md", "cold-start-cdf.svg", "summary.json");
        WriteRun("20250102-000000-2", "report.md", "phases.svg");
        WriteRun("20250103-000000", "cold-start-cdf.svg");
        using var anonymous = _gateway.Anonymous();
        var cancel = TestContext.Current.CancellationToken;

        var report = (await anonymous.GetFromJsonAsync<JsonElement>("/ui/data", cancel)).GetProperty("report");
        using var chart = await anonymous.GetAsync("/ui/report/phases.svg", cancel);
        using var markdown = await anonymous.GetAsync("/ui/report/report.md", cancel);

        Assert.Equal("20250102-000000-2", report.GetProperty("name").GetString());
        Assert.Equal(["/ui/report/phases.svg"], report.GetProperty("charts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", chart.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("20250102-000000-2/report.md", await markdown.Content.ReadAsStringAsync(cancel));
        foreach (var other in new[] { "old.svg", "cold-start-cdf.svg", "summary.json", "..%2F20250101-000000%2Fold.svg", "%2Fetc%2Fpasswd" })
        {
            using var refused = await anonymous.GetAsync($"/ui/report/{other}", cancel);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
        _reports.Dispose();
    }

    private void WriteRun(string run, params string[] files)
    {
        Directory.CreateDirectory(_reports.Combine(run));
        foreach (var file in files)
        {
            File.WriteAllText(_reports.Combine(run, file), file.EndsWith(".svg", StringComparison.Ordinal) ? "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" : $"{run}/{file}");
        }
    }
}
