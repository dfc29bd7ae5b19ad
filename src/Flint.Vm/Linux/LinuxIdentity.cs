namespace Flint.Vm.Linux;

/// <summary>Who the guest is told it is: one process, one thread, an unprivileged user, a fixed host name.</summary>
internal static class LinuxIdentity
{
    public const int ProcessId = 1;
    public const int ParentProcessId = 0;
    public const uint UserId = 1000;
    public const uint GroupId = 1000;
    public const string SystemName = "Linux";
    public const string NodeName = "flint";
    public const string Release = "6.1.0-flint";
    public const string Version = "#1 SMP PREEMPT_DYNAMIC";
    public const string Machine = "x86_64";
    public const string DomainName = "(none)";
}
