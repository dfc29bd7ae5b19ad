using Flint.Runtimes.Common;

namespace Flint.Runtimes.Tests.Common;

public sealed class SpawnedProcessTests
{
    /// <summary>Says "go" when it reads a byte on stdin before end-of-file, "eof" when it reads none.</summary>
    private const string FlintExec = "/usr/local/libexec/flint/flint-exec";

    private static readonly string[] Waiter = ["/bin/sh", "-c", "if IFS= read -r x || [ -n \"$x\" ]; then echo go; else echo eof; fi"];

    [Fact]
    public async Task Go_HeldChild_ReadsItsByteThenRuns()
    {
        using var child = SpawnedProcess.Start(new SpawnRequest(Waiter, Environment(), HeldStdin: true));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(child.HasExited, "the held child did not wait for its go");

        Assert.True(child.Go());

        Assert.Equal("go\n", await ReadAllAsync(child));
        Assert.Equal(0, await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(child.Go(), "a second go was written");
    }

    [Fact]
    public async Task Dispose_HeldChildNeverLetGo_ReadsEndOfFile()
    {
        var child = SpawnedProcess.Start(new SpawnRequest(Waiter, Environment(), HeldStdin: true));

        child.Dispose();

        // It would wait forever if the pipe stayed open.
        await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(child.Go());
    }

    [Fact]
    public async Task HeldAsync_FlintExecHold_SaysItHoldsThenExecsOnGo()
    {
        using var child = SpawnedProcess.Start(new SpawnRequest([FlintExec, "--hold", "--", "/usr/bin/tty"], Environment(), HeldStdin: true));

        Assert.True(await child.HeldAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(child.HasExited, "it ran before its go");
        Assert.True(child.Go());

        // The function's stdin is /dev/null, not the socket.
        Assert.Equal("not a tty\n", await ReadAllAsync(child));
    }

    [Fact]
    public async Task HeldAsync_ChildEndsWithoutHolding_False()
    {
        using var child = SpawnedProcess.Start(new SpawnRequest(["/bin/true"], Environment(), HeldStdin: true));

        Assert.False(await child.HeldAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_NotHeld_StdinIsDevNull()
    {
        using var child = SpawnedProcess.Start(new SpawnRequest(Waiter, Environment()));

        Assert.Equal("eof\n", await ReadAllAsync(child));
        Assert.False(child.Go(), "a child that was not held has no stdin pipe");
    }

    private static Dictionary<string, string> Environment() => new() { ["PATH"] = "/usr/bin:/bin" };

    private static async Task<string> ReadAllAsync(SpawnedProcess child)
    {
        using var reader = new StreamReader(child.StandardOutput);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
