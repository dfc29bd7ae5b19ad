namespace Flint.Runtimes;

/// <summary>The runtime names that deploy specs, the CLI and the benchmark use.</summary>
public static class RuntimeNames
{
    public const string Process = "process";
    public const string Crun = "crun";
    public const string Runc = "runc";
    public const string Docker = "docker";
    public const string Vm = "vm";

    public static IReadOnlyList<string> All { get; } = [Process, Crun, Runc, Docker, Vm];
}
