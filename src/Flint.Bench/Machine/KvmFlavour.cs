namespace Flint.Bench.Machine;

/// <summary>
/// Which kind of KVM the host offers: none, PVM (the <c>kvm_pvm</c> module, or <c>/dev/kvm</c> without a
/// vmx/svm CPU flag: guests run in ring 3 under shadow paging), Intel VT-x or AMD SVM.
/// </summary>
public static class KvmFlavour
{
    public const string None = "no /dev/kvm";
    public const string Pvm = "PVM (kvm_pvm)";
    public const string VtX = "VT-x";
    public const string Svm = "SVM";

    public static string Detect() =>
        Classify(File.Exists("/dev/kvm"), Directory.Exists("/sys/module/kvm_pvm"), CpuFlags(File.ReadAllLines("/proc/cpuinfo")));

    public static string Classify(bool devKvm, bool pvmModule, IReadOnlySet<string> cpuFlags)
    {
        ArgumentNullException.ThrowIfNull(cpuFlags);
        if (!devKvm)
        {
            return None;
        }

        if (pvmModule)
        {
            return Pvm;
        }

        return cpuFlags.Contains("vmx") ? VtX : cpuFlags.Contains("svm") ? Svm : Pvm;
    }

    public static IReadOnlySet<string> CpuFlags(IEnumerable<string> cpuinfoLines) =>
        cpuinfoLines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()
            : new HashSet<string>();
}
