namespace Flint.Vm;

/// <summary>Which platform executes guest instructions.</summary>
public enum VmPlatformChoice
{
    /// <summary>KVM when /dev/kvm opens and a probe VM boots on it, else the emulated CPU.</summary>
    Auto,

    /// <summary>Hardware virtualization through /dev/kvm.</summary>
    Kvm,

    /// <summary>An emulated CPU (Unicorn): slower, and available on every Linux host with libunicorn2.</summary>
    Emulated,
}
