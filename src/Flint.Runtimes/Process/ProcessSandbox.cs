using Flint.Interop.Libc;

namespace Flint.Runtimes.Process;

/// <summary>
/// What isolates one <c>process</c> instance besides its exec chain: a uid of its own, its cgroup (both
/// only when the gateway is root), and a private working directory, <c>process/work/&lt;id&gt;</c> (mode 0700,
/// owned by that uid). Disposing it, once the process is reaped, removes them all.
/// </summary>
internal sealed class ProcessSandbox : IDisposable
{
    private readonly FunctionUids? _uids;
    private bool _disposed;

    private ProcessSandbox(string id, uint? uid, ProcessCgroup? cgroup, string workingDirectory, FunctionUids? uids)
    {
        Id = id;
        Uid = uid;
        Cgroup = cgroup;
        WorkingDirectory = workingDirectory;
        _uids = uids;
    }

    /// <summary>The instance id the sandbox is named after (its cgroup and working directory).</summary>
    public string Id { get; }

    public uint? Uid { get; }

    public ProcessCgroup? Cgroup { get; }

    public string WorkingDirectory { get; }

    /// <summary>Whether the instance's memory cgroup saw an OOM kill; read before disposing.</summary>
    public bool WasOomKilled => Cgroup?.WasOomKilled ?? false;

    public static ProcessSandbox Create(string id, ResourceLimits limits, string stateDirectory, FunctionUids? uids)
    {
        var uid = uids?.Rent();
        ProcessCgroup? cgroup = null;
        var workingDirectory = WorkingDirectoryOf(stateDirectory, id);
        try
        {
            cgroup = uids is null ? null : ProcessCgroup.Create(id, limits);
            Directory.CreateDirectory(workingDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (uid is { } owner && Unistd.chown(workingDirectory, owner, owner) != 0)
            {
                throw new InstanceStartException($"could not hand {workingDirectory} to uid {owner}: {Errno.Name(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
            }

            return new ProcessSandbox(id, uid, cgroup, workingDirectory, uids);
        }
        catch
        {
            new ProcessSandbox(id, uid, cgroup, workingDirectory, uids).Dispose();
            throw;
        }
    }

    /// <summary>Removes the cgroup and working directory of an instance a previous gateway left behind.</summary>
    public static void RemoveLeftovers(string stateDirectory, string id)
    {
        ProcessCgroup.RemoveLeftover(id);
        RemoveDirectory(WorkingDirectoryOf(stateDirectory, id));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Cgroup?.Remove();
        RemoveDirectory(WorkingDirectory);
        if (Uid is { } uid)
        {
            _uids?.Return(uid);
        }
    }

    private static string WorkingDirectoryOf(string stateDirectory, string id) => Path.Combine(stateDirectory, "process", "work", id);

    private static void RemoveDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
