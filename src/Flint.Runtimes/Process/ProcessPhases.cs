namespace Flint.Runtimes.Process;

/// <summary>Phases only the <c>process</c> runtime marks, between the shared <see cref="InstancePhases"/>.</summary>
public static class ProcessPhases
{
    /// <summary>
    /// The instance's sandbox (uid, cgroup, working directory) is set up and its launcher holds in it: taken from
    /// the starts prepared ahead (<see cref="SandboxPool"/>), or made now.
    /// </summary>
    public const string Sandbox = "sandbox";
}
