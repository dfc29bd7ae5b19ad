using Flint.Interop.Libc;

namespace Flint.Vm.Linux.Files;

/// <summary>
/// The guest's fd table: fd numbers to open file descriptions, with the close-on-exec flag per fd, the lowest free
/// number first as Linux allocates, and at most <see cref="Limit"/> fds (RLIMIT_NOFILE). Thread-safe: guest threads
/// share one table.
/// </summary>
internal sealed class FileTable : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FileTableEntry?> _entries = [];

    public FileTable(int limit)
    {
        Limit = limit;
    }

    /// <summary>One past the highest fd number the guest may have (RLIMIT_NOFILE's soft limit).</summary>
    public int Limit { get; set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count(e => e is not null);
            }
        }
    }

    /// <summary>Every open fd with its entry, lowest first: what a snapshot keeps.</summary>
    public List<(int Fd, FileTableEntry Entry)> Entries()
    {
        lock (_lock)
        {
            var entries = new List<(int, FileTableEntry)>();
            for (var fd = 0; fd < _entries.Count; fd++)
            {
                if (_entries[fd] is { } entry)
                {
                    entries.Add((fd, entry));
                }
            }

            return entries;
        }
    }

    /// <summary>Puts <paramref name="file"/> (taking over its reference) at <paramref name="fd"/>, replacing what was there.</summary>
    public void InstallAt(int fd, OpenFile file, bool closeOnExec)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fd, Limit);
        OpenFile? replaced;
        lock (_lock)
        {
            replaced = fd < _entries.Count ? _entries[fd]?.File : null;
            Put(fd, new FileTableEntry(file, closeOnExec));
        }

        replaced?.Release();
    }

    public OpenFile? Get(ulong fd)
    {
        lock (_lock)
        {
            return fd < (ulong)_entries.Count ? _entries[(int)fd]?.File : null;
        }
    }

    /// <summary>Installs <paramref name="file"/> (taking over its reference) at the lowest free fd not below <paramref name="lowest"/>; -EMFILE when none is left.</summary>
    public long Install(OpenFile file, bool closeOnExec, int lowest = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_lock)
        {
            for (var fd = Math.Max(0, lowest); fd < Limit; fd++)
            {
                if (fd >= _entries.Count || _entries[fd] is null)
                {
                    Put(fd, new FileTableEntry(file, closeOnExec));
                    return fd;
                }
            }
        }

        file.Release();
        return -Errno.EMFILE;
    }

    public long Close(ulong fd)
    {
        OpenFile? file;
        lock (_lock)
        {
            if (fd >= (ulong)_entries.Count || _entries[(int)fd] is not { } entry)
            {
                return -Errno.EBADF;
            }

            file = entry.File;
            _entries[(int)fd] = null;
        }

        file.Release();
        return 0;
    }

    /// <summary>dup / F_DUPFD: a new fd for the same description.</summary>
    public long Duplicate(ulong fd, int lowest, bool closeOnExec)
    {
        if (lowest < 0 || lowest >= Limit)
        {
            return -Errno.EINVAL;
        }

        var file = Get(fd);
        if (file is null)
        {
            return -Errno.EBADF;
        }

        file.AddReference();
        return Install(file, closeOnExec, lowest);
    }

    /// <summary>dup2 / dup3: <paramref name="target"/> refers to the same description, closing what it referred to.</summary>
    public long DuplicateTo(ulong fd, ulong target, bool closeOnExec)
    {
        if (target >= (ulong)Limit)
        {
            return -Errno.EBADF;
        }

        OpenFile? replaced = null;
        lock (_lock)
        {
            if (fd >= (ulong)_entries.Count || _entries[(int)fd] is not { } source)
            {
                return -Errno.EBADF;
            }

            if (fd != target)
            {
                replaced = target < (ulong)_entries.Count ? _entries[(int)target]?.File : null;
                source.File.AddReference();
                Put((int)target, new FileTableEntry(source.File, closeOnExec));
            }
        }

        replaced?.Release();
        return (long)target;
    }

    public bool? IsCloseOnExec(ulong fd)
    {
        lock (_lock)
        {
            return fd < (ulong)_entries.Count ? _entries[(int)fd]?.CloseOnExec : null;
        }
    }

    public bool SetCloseOnExec(ulong fd, bool closeOnExec)
    {
        lock (_lock)
        {
            if (fd >= (ulong)_entries.Count || _entries[(int)fd] is not { } entry)
            {
                return false;
            }

            _entries[(int)fd] = entry with { CloseOnExec = closeOnExec };
            return true;
        }
    }

    /// <summary>Closes every fd: the VM is going away.</summary>
    public void Dispose()
    {
        List<OpenFile> files;
        lock (_lock)
        {
            files = [.. _entries.Where(e => e is not null).Select(e => e!.Value.File)];
            _entries.Clear();
        }

        foreach (var file in files)
        {
            file.Release();
        }
    }

    private void Put(int fd, FileTableEntry entry)
    {
        while (_entries.Count <= fd)
        {
            _entries.Add(null);
        }

        _entries[fd] = entry;
    }
}
