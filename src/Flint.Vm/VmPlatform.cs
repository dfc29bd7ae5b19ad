using System.Runtime.InteropServices;
using Flint.Vm.Cpu;
using Flint.Vm.Emulated;
using Flint.Vm.Kvm;

namespace Flint.Vm;

/// <summary>
/// The platforms a Flint VM runs on, by name, with what this host can run. Each is probed once per process by
/// booting a tiny guest that exits with status 0: an open /dev/kvm that cannot run a guest does not count.
/// </summary>
public static class VmPlatform
{
    public const string KvmName = "kvm";
    public const string EmulatedName = "emulated";

    private static readonly Lazy<VmPlatformStatus> KvmProbe = new(() => Probe(KvmName, KvmPlatform.Create));
    private static readonly Lazy<VmPlatformStatus> EmulatedProbe = new(() => Probe(EmulatedName, () => new EmulatedPlatform()));

    /// <summary>Every platform, in order of preference, with its availability on this host.</summary>
    public static IReadOnlyList<VmPlatformStatus> All => [KvmProbe.Value, EmulatedProbe.Value];

    /// <summary>The names of the platforms this host can run.</summary>
    public static IReadOnlyList<string> Available => [.. All.Where(p => p.Available).Select(p => p.Name)];

    public static string Name(VmPlatformChoice choice) => choice switch
    {
        VmPlatformChoice.Kvm => KvmName,
        VmPlatformChoice.Emulated => EmulatedName,
        _ => "auto",
    };

    public static bool TryParse(string? text, out VmPlatformChoice choice)
    {
        choice = text switch
        {
            KvmName => VmPlatformChoice.Kvm,
            EmulatedName => VmPlatformChoice.Emulated,
            "auto" => VmPlatformChoice.Auto,
            _ => (VmPlatformChoice)(-1),
        };
        return Enum.IsDefined(choice);
    }

    /// <summary>The platform <paramref name="choice"/> means on this host: <see cref="VmPlatformChoice.Auto"/> becomes KVM or the emulator.</summary>
    public static VmPlatformChoice Resolve(VmPlatformChoice choice)
        => choice != VmPlatformChoice.Auto ? choice : KvmProbe.Value.Available ? VmPlatformChoice.Kvm : VmPlatformChoice.Emulated;

    /// <summary>Opens the platform for one VM.</summary>
    /// <exception cref="KvmUnavailableException">KVM was asked for and this host has no usable /dev/kvm.</exception>
    /// <exception cref="VmSetupException">The emulator library is missing or refused to start.</exception>
    internal static IVmPlatform Open(VmPlatformChoice choice) => Resolve(choice) switch
    {
        VmPlatformChoice.Kvm => KvmPlatform.Create(),
        _ => new EmulatedPlatform(),
    };

    private static VmPlatformStatus Probe(string name, Func<IVmPlatform> open)
    {
        try
        {
            var status = ProbeGuest.Run(open());
            return status == 0
                ? new VmPlatformStatus(name, true, null)
                : new VmPlatformStatus(name, false, $"a probe guest on {name} ended with status {status} instead of 0");
        }
        catch (DllNotFoundException)
        {
            return new VmPlatformStatus(name, false, $"{Interop.Unicorn.Unicorn.Library} not found (Debian package libunicorn2; scripts/setup.sh installs it)");
        }
        catch (Exception e) when (e is VmSetupException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            return new VmPlatformStatus(name, false, e.Message);
        }
    }
}
