namespace Flint.Vm.Tests;

/// <summary>
/// The VM platforms end-to-end tests run on: every one this host has. The emulated platform is always among them
/// (scripts/setup.sh installs libunicorn2), so a missing emulator fails its tests instead of hiding them; KVM is
/// added where /dev/kvm boots a guest.
/// </summary>
public static class VmPlatforms
{
    public static IReadOnlyList<string> Names { get; } =
        [.. VmPlatform.All.Where(p => p.Available || p.Name == VmPlatform.EmulatedName).Select(p => p.Name)];

    public static TheoryData<string> All() => [.. Names];

    public static TheoryData<string, T> With<T>(params T[] values)
    {
        var data = new TheoryData<string, T>();
        foreach (var name in Names)
        {
            foreach (var value in values)
            {
                data.Add(name, value);
            }
        }

        return data;
    }

    public static TheoryData<string, T1, T2> With<T1, T2>(params (T1, T2)[] values)
    {
        var data = new TheoryData<string, T1, T2>();
        foreach (var name in Names)
        {
            foreach (var (a, b) in values)
            {
                data.Add(name, a, b);
            }
        }

        return data;
    }

    public static VmPlatformChoice Choice(string name)
        => VmPlatform.TryParse(name, out var choice) ? choice : throw new ArgumentException($"unknown platform {name}", nameof(name));
}
