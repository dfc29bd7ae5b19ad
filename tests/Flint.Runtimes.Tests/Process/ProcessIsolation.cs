using Flint.Runtimes.Process;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Process;

/// <summary>What the <c>process</c> runtime's isolation tests need: root and flint-exec, and where an instance's cgroup lives.</summary>
internal static class ProcessIsolation
{
    public static void Require(IInstanceRuntime runtime)
    {
        HostRequirements.RequireRoot();
        if (!File.Exists(ProcessLauncher.HelperPath))
        {
            Assert.Skip($"needs {ProcessLauncher.HelperPath} (scripts/setup.sh builds it)");
        }

        Assert.Null(runtime.CheckAvailability().Reason);
    }

    /// <summary>The memory controller's directory of a cgroup path such as <c>/flint-process/id</c>.</summary>
    public static string MemoryCgroup(string cgroup) =>
        File.Exists("/sys/fs/cgroup/cgroup.controllers") ? $"/sys/fs/cgroup{cgroup}" : $"/sys/fs/cgroup/memory{cgroup}";
}
