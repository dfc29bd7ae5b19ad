using Flint.Testing;

namespace Flint.Cli.Tests.Commands;

/// <summary>
/// <c>flint up</c> creates the admin token once (mode 0600) and keeps it; client verbs find it by
/// themselves on the same machine, or through <c>--token-file</c> or <c>$FLINT_TOKEN</c>.
/// </summary>
public sealed class TokenTests
{
    [Fact]
    public async Task Up_FirstStart_CreatesAnOwnerOnlyTokenAndKeepsItOnRestart()
    {
        using var data = new TempDirectory("flint-cli");
        var tokenFile = Path.Combine(data.Path, "admin-token");

        string first;
        await using (await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path)))
        {
            first = File.ReadAllText(tokenFile).Trim();
        }

        await using var second = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var list = await FlintProcess.RunAsync("ls", "--gateway", second.Url);

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Equal(first, File.ReadAllText(tokenFile).Trim());
        Assert.Equal(0, list.ExitCode);
    }

    [Fact]
    public async Task Ls_ElsewhereWithoutToken_Gets401SayingWhereTokensComeFrom()
    {
        using var data = new TempDirectory("flint-cli");
        using var otherConfig = new TempDirectory("flint-cli-config");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var elsewhere = FlintProcess.StartInfo("ls", "--gateway", gateway.Url);
        elsewhere.Environment["XDG_CONFIG_HOME"] = otherConfig.Path;

        var (exit, _, stderr) = await FlintProcess.RunAsync(elsewhere);

        Assert.Equal(1, exit);
        Assert.StartsWith("flint: 401", stderr, StringComparison.Ordinal);
        Assert.Contains("no token found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_ElsewhereWithTokenFileOrEnvironment_IsServed()
    {
        using var data = new TempDirectory("flint-cli");
        using var otherConfig = new TempDirectory("flint-cli-config");
        await using var gateway = await FlintUp.StartAsync(FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path));
        var byDataDirectory = FlintProcess.StartInfo("ls", "--gateway", gateway.Url, "--token-file", data.Path);
        byDataDirectory.Environment["XDG_CONFIG_HOME"] = otherConfig.Path;
        var byEnvironment = FlintProcess.StartInfo("ls", "--gateway", gateway.Url);
        byEnvironment.Environment["XDG_CONFIG_HOME"] = otherConfig.Path;
        byEnvironment.Environment["FLINT_TOKEN"] = File.ReadAllText(Path.Combine(data.Path, "admin-token")).Trim();
        var wrong = FlintProcess.StartInfo("ls", "--gateway", gateway.Url);
        wrong.Environment["FLINT_TOKEN"] = new string('0', 64);

        var fromDataDirectory = await FlintProcess.RunAsync(byDataDirectory);
        var fromEnvironment = await FlintProcess.RunAsync(byEnvironment);
        var fromWrongEnvironment = await FlintProcess.RunAsync(wrong);

        Assert.Equal(0, fromDataDirectory.ExitCode);
        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(1, fromWrongEnvironment.ExitCode);
        Assert.Contains("not this gateway's", fromWrongEnvironment.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_TokenFromEnvironment_IsTheTokenAndNoFileIsCreated()
    {
        using var data = new TempDirectory("flint-cli");
        var token = new string('7', 64);
        var up = FlintProcess.StartInfo("up", "--port", "0", "--data", data.Path);
        up.Environment["FLINT_TOKEN"] = token;
        await using var gateway = await FlintUp.StartAsync(up);
        var withIt = FlintProcess.StartInfo("ls", "--gateway", gateway.Url, "--token-file", Path.Combine(FlintProcess.ConfigHome, "flint", "gateways", new Uri(gateway.Url).Host + "_" + new Uri(gateway.Url).Port));

        var list = await FlintProcess.RunAsync(withIt);

        Assert.False(File.Exists(Path.Combine(data.Path, "admin-token")));
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(token, File.ReadAllText(withIt.ArgumentList[^1]).Trim());
    }

    [Fact]
    public async Task Up_TokenFileReadableByOthers_IsRefused()
    {
        using var data = new TempDirectory("flint-cli");
        var tokenFile = data.Combine("token");
        File.WriteAllText(tokenFile, new string('a', 64));
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (exit, _, stderr) = await FlintProcess.RunAsync("up", "--port", "0", "--data", data.Path, "--token-file", tokenFile);

        Assert.Equal(1, exit);
        Assert.Contains("chmod 600", stderr, StringComparison.Ordinal);
    }
}
