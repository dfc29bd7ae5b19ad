namespace Flint.Vm.Linux.FileSystem;

/// <summary>
/// How many CPUs the guest sees: /sys/devices/system/cpu/{online,possible}, sched_getaffinity, /proc/stat and
/// sysinfo all answer from <see cref="Count"/>.
/// </summary>
internal static class VirtualCpus
{
    public const int Count = 1;

    /// <summary>The CPU list format of /sys/devices/system/cpu/online: "0" or "0-3".</summary>
    public static string List => Count == 1 ? "0" : $"0-{Count - 1}";
}
