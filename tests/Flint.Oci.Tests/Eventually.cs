namespace Flint.Oci.Tests;

/// <summary>Waiting for what a container's processes do in their own time, and whether one still lives.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the condition did not hold within 10 s");
    }

    /// <summary>Whether <paramref name="pid"/> exists and has not exited (a zombie has).</summary>
    public static bool IsLive(int pid) => Flint.Interop.Proc.ProcStat.IsRunning(pid);
}
