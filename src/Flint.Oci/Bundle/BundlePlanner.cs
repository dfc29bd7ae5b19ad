using System.Globalization;
using System.Text.Json;
using Flint.Oci.Bundle.Spec;
using Flint.Oci.Cli;
using Flint.Vm;

namespace Flint.Oci.Bundle;

/// <summary>
/// Reads a bundle's config.json and decides everything <c>create</c> needs, refusing with a message that names
/// the field whatever a Flint VM cannot honour: a dynamic executable, a missing entry point, a mount the guest
/// would need, hooks, a terminal, limits outside the VM's range.
/// </summary>
internal static class BundlePlanner
{
    /// <summary>The annotation that picks the VM platform: <c>kvm</c>, <c>emulated</c> or <c>auto</c> (the default).</summary>
    public const string PlatformAnnotation = "com.flint.vm.platform";

    /// <summary>What the monitor itself may use above the guest's memory, in the container's cgroup (a RuntimeClass's overhead).</summary>
    public const long MonitorAllowanceBytes = 128L << 20;

    private const ulong MinGuestMemory = 16UL << 20;
    private const ulong MaxGuestMemory = 1UL << 30;
    private const ulong PageSize = 4096;

    /// <exception cref="OciException">The bundle cannot run in a Flint VM; the message says which field and why.</exception>
    public static ContainerPlan Plan(string bundle, bool hasConsoleSocket)
    {
        bundle = Path.GetFullPath(bundle);
        var spec = Read(bundle);
        var process = spec.Process ?? throw new OciException("config.json has no process to run");
        if (process.Args is not { Count: > 0 } args)
        {
            throw new OciException("process.args is empty: nothing to run");
        }

        if (process.Terminal && !hasConsoleSocket)
        {
            throw new OciException("process.terminal is set but no --console-socket was given");
        }

        if (spec.Hooks is { ValueKind: JsonValueKind.Object } hooks && hooks.EnumerateObject().Any(h => h.Value.ValueKind == JsonValueKind.Array && h.Value.GetArrayLength() > 0))
        {
            throw new OciException($"hooks are not supported by flint-oci ({string.Join(", ", hooks.EnumerateObject().Select(h => "hooks." + h.Name))})");
        }

        var rootfs = Rootfs(bundle, spec.Root);
        var env = process.Env ?? [];
        var cwd = process.Cwd is { Length: > 0 } given ? given : "/";
        if (!cwd.StartsWith('/'))
        {
            throw new OciException($"process.cwd \"{cwd}\" is not an absolute path");
        }

        if (RootfsPath.Resolve(rootfs, cwd) is not { } cwdHost || !Directory.Exists(cwdHost))
        {
            throw new OciException($"process.cwd {cwd} is not a directory in the container's root filesystem");
        }

        var (executable, guestPath) = ExecutableLookup.Find(rootfs, args[0], env, cwd);
        var warnings = MountPolicy.Check(spec.Mounts).ToList();
        var memory = GuestMemory(spec.Linux?.Resources?.Memory?.Limit, warnings);
        var annotations = spec.Annotations ?? new Dictionary<string, string>();
        return new ContainerPlan
        {
            Bundle = bundle,
            Rootfs = rootfs,
            ExecutablePath = executable,
            GuestPath = guestPath,
            Args = [.. args.Skip(1)],
            Env = env,
            Terminal = process.Terminal,
            WorkingDirectory = cwd,
            GuestMemoryBytes = memory,
            CgroupMemoryBytes = spec.Linux?.Resources?.Memory?.Limit is > 0 ? (long)memory + MonitorAllowanceBytes : null,
            CpuQuota = spec.Linux?.Resources?.Cpu?.Quota is > 0 and var quota ? quota : null,
            CpuPeriod = spec.Linux?.Resources?.Cpu?.Period is > 0 and var period ? period : null,
            PidsLimit = spec.Linux?.Resources?.Pids?.Limit is > 0 and var pids ? pids : null,
            ResourceLimits = Rlimits(process.Rlimits),
            Network = Network(spec.Linux?.Namespaces),
            CgroupsPath = spec.Linux?.CgroupsPath,
            Port = Port(env),
            Platform = Platform(annotations),
            Annotations = annotations,
            Warnings = warnings,
        };
    }

    private static OciSpec Read(string bundle)
    {
        var path = Path.Combine(bundle, "config.json");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), OciJsonContext.Default.OciSpec)
                ?? throw new OciException($"{path} is empty");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OciException($"the bundle {bundle} has no config.json", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciException($"could not read {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new OciException($"{path} is not a valid OCI runtime config: {e.Message}", e);
        }
    }

    private static string Rootfs(string bundle, OciRoot? root)
    {
        if (root?.Path is not { Length: > 0 } path)
        {
            throw new OciException("root.path is not set: the bundle names no root filesystem");
        }

        var rootfs = Path.GetFullPath(Path.Combine(bundle, path));
        return Directory.Exists(rootfs) ? rootfs : throw new OciException($"root.path {rootfs} is not a directory");
    }

    private static ulong GuestMemory(long? limit, List<string> warnings)
    {
        if (limit is not > 0)
        {
            return VmRunOptions.DefaultMemoryLimitBytes;
        }

        var bytes = (ulong)limit.Value / PageSize * PageSize;
        if (bytes < MinGuestMemory)
        {
            throw new OciException($"linux.resources.memory.limit {limit} is below a Flint VM's minimum of 16 MiB");
        }

        if (bytes > MaxGuestMemory)
        {
            warnings.Add($"linux.resources.memory.limit {limit} is above a Flint VM's maximum: the guest gets 1 GiB");
            return MaxGuestMemory;
        }

        return bytes;
    }

    private static List<GuestResourceLimit> Rlimits(IReadOnlyList<OciRlimit>? rlimits)
    {
        var limits = new List<GuestResourceLimit>();
        foreach (var rlimit in rlimits ?? [])
        {
            var limit = new GuestResourceLimit(rlimit.Type ?? string.Empty, rlimit.Soft, rlimit.Hard);
            if (limit.Resource < 0)
            {
                throw new OciException($"process.rlimits: {rlimit.Type} is not a Linux resource limit");
            }

            if (limit.Soft > limit.Hard)
            {
                throw new OciException($"process.rlimits: {rlimit.Type} has a soft limit {rlimit.Soft} above its hard limit {rlimit.Hard}");
            }

            limits.Add(limit);
        }

        return limits;
    }

    private static NetworkNamespaceRequest Network(IReadOnlyList<OciNamespace>? namespaces)
    {
        var network = namespaces?.LastOrDefault(n => n.Type == "network");
        return network switch
        {
            null => NetworkNamespaceRequest.Host,
            { Path: { Length: > 0 } path } => new NetworkNamespaceRequest(path, false),
            _ => new NetworkNamespaceRequest(null, true),
        };
    }

    private static int? Port(IReadOnlyList<string> env)
    {
        if (env.LastOrDefault(e => e.StartsWith("PORT=", StringComparison.Ordinal)) is not { } entry)
        {
            return null;
        }

        var text = entry["PORT=".Length..];
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new OciException($"PORT={text} in process.env is not a port number (1-65535)");
    }

    private static VmPlatformChoice Platform(IReadOnlyDictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(PlatformAnnotation, out var name))
        {
            return VmPlatformChoice.Auto;
        }

        return VmPlatform.TryParse(name, out var choice)
            ? choice
            : throw new OciException($"annotation {PlatformAnnotation}={name}: use kvm, emulated or auto");
    }
}
