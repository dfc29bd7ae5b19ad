namespace Flint.Runtimes.Process;

/// <summary>Phases only the <c>process</c> runtime marks, between the shared <see cref="InstancePhases"/>.</summary>
public static class ProcessPhases
{
    /// <summary>The instance's uid, cgroup and working directory are set up.</summary>
    public const string Sandbox = "sandbox";
}
