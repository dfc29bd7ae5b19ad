using System.Security.Cryptography;
using System.Text;
using Flint.Vm.Snapshots;

namespace Flint.Runtimes.Vm;

/// <summary>
/// The <c>vm-snapshot</c> runtime's snapshots, one file per key under the state directory. The key covers everything
/// a snapshot bakes in: the image digest, entrypoint, environment (PORT aside: each instance's own socket is handed
/// over), memory limit, platform and the monitor build, so a redeploy that changes any of them gets a fresh
/// snapshot and an unchanged one reuses it. A file is verified once when first used; a damaged or stale one is
/// deleted and taken again. At most one snapshot per key is being taken at a time; a key whose snapshot cannot be
/// taken (the guest holds something a snapshot cannot carry) boots normally from then on, with the reason logged.
/// </summary>
internal sealed class SnapshotStore(string directory) : IDisposable
{
    private static readonly string MonitorBuild = typeof(VmSnapshot).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly Lock _lock = new();
    private readonly Dictionary<string, VmSnapshot> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taking = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    public static string Key(InstanceSpec spec, IReadOnlyDictionary<string, string> environment, ulong memoryLimit, string platform)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(environment);
        var text = new StringBuilder()
            .Append(spec.Image.ManifestDigest).Append('\n')
            .AppendJoin('\0', spec.Image.Entrypoint).Append('\n')
            .AppendJoin('\0', environment.Where(e => e.Key != "PORT").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")).Append('\n')
            .Append(memoryLimit).Append('\n').Append(platform).Append('\n').Append(MonitorBuild);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public string PathFor(string key) => Path.Combine(directory, key + ".snap");

    /// <summary>The verified snapshot for <paramref name="key"/>, or null (none yet, or the file was damaged: then it is gone).</summary>
    public VmSnapshot? Find(string key, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        lock (_lock)
        {
            if (_open.TryGetValue(key, out var open))
            {
                return open;
            }
        }

        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return null;
        }

        VmSnapshot snapshot;
        try
        {
            snapshot = VmSnapshot.Open(path);
            if (snapshot.Key != key)
            {
                snapshot.Dispose();
                throw new SnapshotException($"{path} was taken for another function configuration");
            }
        }
        catch (Exception e) when (e is SnapshotException or IOException or UnauthorizedAccessException)
        {
            log($"snapshot {key[..12]} discarded, it will be taken again: {e.Message}");
            Delete(path);
            return null;
        }

        lock (_lock)
        {
            if (_open.TryAdd(key, snapshot))
            {
                return snapshot;
            }
        }

        snapshot.Dispose();
        return Find(key, log);
    }

    /// <summary>Whether the caller should ask its boot for a snapshot (no one else is taking it, and it was never refused).</summary>
    public bool TryBeginTaking(string key)
    {
        lock (_lock)
        {
            return !_refused.ContainsKey(key) && _taking.Add(key);
        }
    }

    /// <summary>A boot asked by <see cref="TryBeginTaking"/> finished: with the file written, or with why not.</summary>
    public void EndTaking(string key, Exception? failure, bool permanent)
    {
        lock (_lock)
        {
            _taking.Remove(key);
            if (failure is not null && permanent)
            {
                _refused[key] = failure.Message;
            }
        }
    }

    /// <summary>A restore from <paramref name="key"/> failed: the snapshot is dropped and taken again by the next boot.</summary>
    public void Discard(string key)
    {
        VmSnapshot? snapshot;
        lock (_lock)
        {
            _open.Remove(key, out snapshot);
        }

        snapshot?.Dispose();
        Delete(PathFor(key));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var snapshot in _open.Values)
            {
                snapshot.Dispose();
            }

            _open.Clear();
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Overwritten by the next snapshot anyway (written beside and renamed over it).
        }
    }
}
