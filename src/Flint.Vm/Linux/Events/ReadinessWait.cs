using System.Diagnostics;
using System.Net.Sockets;
using Flint.Interop.Libc;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// Waits until a set of guest files has something to report: host sockets are watched with Socket.Select and
/// in-memory files through the process's <see cref="ReadinessSignal"/>, both in short slices, so a stopping VM ends
/// the wait (EINTR) and a change of either kind is seen within a slice.
/// </summary>
internal static class ReadinessWait
{
    private const int SocketSliceMilliseconds = 10;
    private const int SignalSliceMilliseconds = 100;

    /// <summary>
    /// Calls <paramref name="collect"/> until it finds something (its count is returned), the timeout passes (0),
    /// or the VM stops (-EINTR). A negative timeout waits forever; zero checks once.
    /// </summary>
    public static long Until(GuestProcess process, long timeoutMilliseconds, Func<ReadinessWatch, int> collect)
    {
        var started = Stopwatch.GetTimestamp();
        var watch = new ReadinessWatch();
        var sockets = watch.Sockets;
        while (true)
        {
            var version = process.Readiness.Version;
            watch.Clear();
            var found = collect(watch);
            if (found != 0 || timeoutMilliseconds == 0)
            {
                return found;
            }

            if (process.Stopping.IsCancellationRequested)
            {
                return -Errno.EINTR;
            }

            // Sockets and pulses both end a wait at once; only a ready socket whose edge was reported needs looking at again.
            var slice = watch.NeedsPolling ? SocketSliceMilliseconds : SignalSliceMilliseconds;
            if (timeoutMilliseconds > 0)
            {
                var left = timeoutMilliseconds - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (left <= 0)
                {
                    return 0;
                }

                slice = (int)Math.Min(slice, left);
            }

            if (sockets.Count == 0 && watch.WriteSockets.Count == 0)
            {
                using (process.LetOthersRun())
                {
                    process.Readiness.Wait(version, slice);
                }

                continue;
            }

            if (process.Readiness.BeginSocketWait(version) is not { } wake)
            {
                continue;
            }

            try
            {
                using (process.LetOthersRun())
                {
                    var writable = watch.WriteSockets.Count == 0 ? null : new List<Socket>(watch.WriteSockets);
                    Socket.Select(new List<Socket>(sockets) { wake }, writable, new List<Socket>(sockets), slice * 1000);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or ArgumentException)
            {
                // A socket closed under the wait: the next collect reports it.
                Thread.Sleep(1);
            }
            finally
            {
                process.Readiness.EndSocketWait(wake);
            }
        }
    }
}
