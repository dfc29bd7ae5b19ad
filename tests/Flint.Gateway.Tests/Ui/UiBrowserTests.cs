using System.Net;
using System.Text.RegularExpressions;
using Flint.Testing;
using Microsoft.Playwright;

namespace Flint.Gateway.Tests.Ui;

/// <summary>
/// <c>/ui</c> in a real headless browser: Debian's <c>chromium</c>, driven by Playwright's driver
/// (which ships in its NuGet package; no browser is ever downloaded).
/// </summary>
public sealed class UiBrowserTests
{
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 20_000 };

    [Fact]
    public async Task Page_AfterAnInvocation_ListsTheFunctionAndUpdatesItsNumbers()
    {
        var chromium = Chromium();
        using var data = new TempDirectory("flint-gateway");
        await using var gateway = await RunningGateway.StartAsync(data.Path);
        await gateway.DeployHelloAsync("ui-hello", new { mode = "keep-warm", idleTimeout = "1h" });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var row = page.Locator("#functions tr[data-function='ui-hello']");

        await page.GotoAsync(new Uri(gateway.Client.BaseAddress!, "/ui").ToString());
        await Assertions.Expect(row.Locator("td.name")).ToHaveTextAsync("ui-hello", Patiently);
        await Assertions.Expect(row.Locator("td.runtime")).ToHaveTextAsync("process", Patiently);
        await Assertions.Expect(row.Locator("td.invocations")).ToHaveTextAsync("0", Patiently);
        await Assertions.Expect(page.Locator("#report")).ToHaveTextAsync(new Regex("no report yet"), Patiently);
        using var invoked = await gateway.Client.GetAsync("/function/ui-hello/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);

        await Assertions.Expect(row.Locator("td.invocations")).ToHaveTextAsync("1", Patiently);
        await Assertions.Expect(row.Locator("td.instances")).ToHaveTextAsync("1", Patiently);
        await Assertions.Expect(page.Locator("#cold-starts figure[data-function='ui-hello'] figcaption"))
            .ToHaveTextAsync(new Regex("^ui-hello · process: 1 cold start,"), Patiently);
        var screenshot = TestArtifacts.PathFor("ui-page.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {screenshot}");

        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.True(new FileInfo(screenshot).Length > 0);
    }

    [Fact]
    public async Task Page_BenchReportPresent_ShowsItsChartsAndMarkdown()
    {
        var chromium = Chromium();
        using var data = new TempDirectory("flint-gateway");
        using var reports = new TempDirectory("flint-bench-results");
        Directory.CreateDirectory(reports.Combine("20250102-030405"));
        await File.WriteAllTextAsync(reports.Combine("20250102-030405", "report.md"), "# Flint benchmark\n<b>not markup</b>\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(
            reports.Combine("20250102-030405", "phases.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#3b6fb6\"/></svg>",
            TestContext.Current.CancellationToken);
        await using var gateway = await RunningGateway.StartAsync(data.Path, o => o with { BenchResultsDirectory = reports.Path });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(gateway.Client.BaseAddress!, "/ui").ToString());
        var chart = page.Locator("#report img[alt='phases.svg']");
        await Assertions.Expect(page.Locator("#report .report-name")).ToHaveTextAsync("run 20250102-030405", Patiently);
        await Assertions.Expect(page.Locator("#report pre")).ToHaveTextAsync(new Regex("<b>not markup</b>"), Patiently);
        await Assertions.Expect(chart).ToHaveJSPropertyAsync("naturalWidth", 120, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("ui-page-report.png"), FullPage = true });

        Assert.Equal(0, await page.Locator("#report b").CountAsync());
    }

    /// <summary>The system's chromium, or a skip saying how to install it.</summary>
    private static string Chromium()
    {
        HostRequirements.RequireCommand("chromium", "chromium");
        return HostRequirements.FindOnPath("chromium")!;
    }
}
