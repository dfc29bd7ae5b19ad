using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Microsoft.Win32.SafeHandles;

namespace Flint.Runtimes.Common;

/// <summary>
/// A child process started with <c>posix_spawn</c>: stdin on <c>/dev/null</c>, stdout and stderr on
/// pipes the host reads, and optionally a listening socket as descriptor 3. Only the descriptors named
/// here reach the child (every other descriptor Flint opens is close-on-exec), so no instance ever
/// inherits another's socket or pipes, whatever runs concurrently.
/// <para>
/// Each child has a dedicated parent thread that spawns it and then waits for it, living exactly as
/// long as the child: the kernel delivers <c>PR_SET_PDEATHSIG</c> when the parent <em>thread</em>
/// exits, so a pool thread (which may retire at any moment) must never be the parent of a child that
/// asks for it. The child is reaped only after the exit is recorded, so a signal sent through
/// <see cref="Signal"/> can never reach a recycled process id.
/// </para>
/// </summary>
internal sealed unsafe class SpawnedProcess : IDisposable
{
    /// <summary>The first descriptor of socket activation (<c>SD_LISTEN_FDS_START</c>).</summary>
    public const int ListenDescriptor = 3;

    private const int ParentThreadStack = 256 * 1024;
    private const int SignalCount = 64;
    private const int Sigkill = 9;
    private const int Sigstop = 19;

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly bool _ownGroup;
    private bool _exitSeen;
    private Socket? _held;

    private SpawnedProcess(Stream stdout, Stream stderr, bool ownGroup)
    {
        StandardOutput = stdout;
        StandardError = stderr;
        _ownGroup = ownGroup;
    }

    public int Pid { get; private set; }

    public Stream StandardOutput { get; }

    public Stream StandardError { get; }

    /// <summary>Completes with the exit status (128 + signal when a signal ended it) once the child is reaped.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts the child; returns once it runs (or throws <see cref="InstanceStartException"/> naming the error).</summary>
    public static SpawnedProcess Start(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (stdoutRead, stdoutWrite) = CreatePipe();
        var (stderrRead, stderrWrite) = CreatePipe();
        var (stdinChild, stdinHost) = request.HeldStdin ? CreateSocketPair() : (-1, -1);
        var process = new SpawnedProcess(ReadStream(stdoutRead), ReadStream(stderrRead), request.OwnProcessGroup)
        {
            _held = stdinHost < 0 ? null : new Socket(new SafeSocketHandle(stdinHost, ownsHandle: true)),
        };
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = new Thread(() => process.ParentThread(request, stdinChild, stdoutWrite, stderrWrite, started), ParentThreadStack)
        {
            IsBackground = true,
            Name = "flint-child-parent",
        };
        parent.Start();
        try
        {
            process.Pid = started.Task.GetAwaiter().GetResult();
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends a signal to the child (and its process group when it leads one); false once it has exited.</summary>
    public bool Signal(int signal, bool wholeGroup = false)
    {
        lock (_gate)
        {
            return !_exitSeen && Wait.kill(wholeGroup && _ownGroup ? -Pid : Pid, signal) == 0;
        }
    }

    /// <summary>
    /// For a child spawned with <see cref="SpawnRequest.HeldStdin"/>: completes with true once it says it holds (one
    /// byte on its stdin socket; <c>flint-exec --hold</c> sends it with its sandbox entered), false when it ended first
    /// or did not say so within <paramref name="limit"/>.
    /// </summary>
    public Task<bool> HeldAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        _held is { } held ? HeldChild.HoldsAsync(held, limit, cancellationToken) : Task.FromResult(false);

    /// <summary>
    /// For a child spawned with <see cref="SpawnRequest.HeldStdin"/>: sends the one byte it waits for and closes the
    /// socket. False when it was already sent, or the child is gone.
    /// </summary>
    public bool Go()
    {
        if (Interlocked.Exchange(ref _held, null) is not { } held)
        {
            return false;
        }

        using (held)
        {
            try
            {
                return held.Send([1]) == 1;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>Closes the output pipes, and a held stdin socket that was never used (its child reads end-of-file).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _held, null)?.Dispose();
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    private void ParentThread(SpawnRequest request, int stdinChild, int stdoutWrite, int stderrWrite, TaskCompletionSource<int> started)
    {
        int pid;
        int error;
        try
        {
            error = SpawnChild(request, stdinChild, stdoutWrite, stderrWrite, out pid);
        }
        catch (Exception e)
        {
            started.SetException(e);
            return;
        }
        finally
        {
            if (stdinChild >= 0)
            {
                Unistd.close(stdinChild);
            }

            Unistd.close(stdoutWrite);
            Unistd.close(stderrWrite);
        }

        if (error != 0)
        {
            started.SetException(new InstanceStartException($"could not start '{request.Arguments[0]}': posix_spawn failed with {Errno.Name(error)}"));
            return;
        }

        started.SetResult(pid);
        var info = stackalloc byte[Wait.SiginfoSize];
        while (Wait.waitid(Wait.P_PID, pid, info, Wait.WEXITED | Wait.WNOWAIT) != 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
        {
        }

        lock (_gate)
        {
            _exitSeen = true;
        }

        var status = 0;
        while (Wait.waitpid(pid, &status, 0) < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
        {
        }

        _exited.SetResult(Wait.ExitCode(status));
    }

    private static int SpawnChild(SpawnRequest request, int stdinChild, int stdoutWrite, int stderrWrite, out int pid)
    {
        var actions = NativeMemory.AllocZeroed(Spawn.OpaqueSize);
        var attributes = NativeMemory.AllocZeroed(Spawn.OpaqueSize);
        var strings = new List<nint>();
        try
        {
            Check(Spawn.posix_spawn_file_actions_init(actions));
            Check(Spawn.posix_spawnattr_init(attributes));
            if (stdinChild >= 0)
            {
                Check(Spawn.posix_spawn_file_actions_adddup2(actions, stdinChild, 0));
            }
            else
            {
                Check(Spawn.posix_spawn_file_actions_addopen(actions, 0, Utf8(strings, "/dev/null"), Fcntl.O_RDONLY, 0));
            }
            Check(Spawn.posix_spawn_file_actions_adddup2(actions, stdoutWrite, 1));
            Check(Spawn.posix_spawn_file_actions_adddup2(actions, stderrWrite, 2));
            if (request.ListenSocket is { } socket)
            {
                // dup2 onto 3 clears close-on-exec in the child only; the host's copy keeps it.
                Check(Spawn.posix_spawn_file_actions_adddup2(actions, (int)socket.SafeHandle.DangerousGetHandle(), ListenDescriptor));
            }

            if (request.WorkingDirectory is { } directory)
            {
                Check(Spawn.posix_spawn_file_actions_addchdir_np(actions, Utf8(strings, directory)));
            }

            // Default dispositions for every signal (the host ignores SIGPIPE) and nothing blocked.
            sigset_t all = default;
            sigset_t none = default;
            FillSignals(&all);
            var flags = (short)(Spawn.POSIX_SPAWN_SETSIGDEF | Spawn.POSIX_SPAWN_SETSIGMASK);
            Check(Spawn.posix_spawnattr_setsigdefault(attributes, &all));
            Check(Spawn.posix_spawnattr_setsigmask(attributes, &none));
            if (request.OwnProcessGroup)
            {
                flags |= Spawn.POSIX_SPAWN_SETPGROUP;
                Check(Spawn.posix_spawnattr_setpgroup(attributes, 0));
            }

            Check(Spawn.posix_spawnattr_setflags(attributes, flags));
            var argv = Vector(strings, request.Arguments);
            var envp = Vector(strings, request.Environment.Select(e => $"{e.Key}={e.Value}").ToList());
            int child;
            var error = Spawn.posix_spawn(&child, argv[0], actions, attributes, argv, envp);
            pid = child;
            return error;
        }
        finally
        {
            _ = Spawn.posix_spawn_file_actions_destroy(actions);
            _ = Spawn.posix_spawnattr_destroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            foreach (var pointer in strings)
            {
                NativeMemory.Free((void*)pointer);
            }
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new InstanceStartException($"could not prepare a child process: {Errno.Name(error)}");
        }
    }

    private static byte* Utf8(List<nint> owned, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        var buffer = (byte*)NativeMemory.Alloc((nuint)bytes + 1);
        owned.Add((nint)buffer);
        System.Text.Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, bytes));
        buffer[bytes] = 0;
        return buffer;
    }

    private static byte** Vector(List<nint> owned, IReadOnlyList<string> items)
    {
        var vector = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        owned.Add((nint)vector);
        for (var i = 0; i < items.Count; i++)
        {
            vector[i] = Utf8(owned, items[i]);
        }

        return vector;
    }

    /// <summary>A connected pair: the child's end (close-on-exec here; dup2 onto 0 clears it in the child) and the host's.</summary>
    private static (int Child, int Host) CreateSocketPair()
    {
        var fds = stackalloc int[2];
        if (SocketPair.socketpair(SocketPair.AF_UNIX, SocketPair.SOCK_STREAM | SocketPair.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw new InstanceStartException($"could not create a socket pair: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }

        return (fds[0], fds[1]);
    }

    private static (int Read, int Write) CreatePipe()
    {
        var fds = stackalloc int[2];
        if (Pipe.pipe2(fds, Fcntl.O_CLOEXEC) != 0)
        {
            throw new InstanceStartException($"could not create a pipe: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }

        return (fds[0], fds[1]);
    }

    private static AnonymousPipeClientStream ReadStream(int fd) =>
        new(PipeDirection.In, new SafePipeHandle(fd, ownsHandle: true));

    /// <summary>Fills a signal set with every signal whose disposition can be reset.</summary>
    private static void FillSignals(sigset_t* set)
    {
        var words = (ulong*)set;
        for (var signal = 1; signal <= SignalCount; signal++)
        {
            if (signal is not (Sigkill or Sigstop))
            {
                words[(signal - 1) / 64] |= 1UL << ((signal - 1) % 64);
            }
        }
    }
}
