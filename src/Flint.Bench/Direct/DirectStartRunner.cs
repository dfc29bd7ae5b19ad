using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flint.Bench.ColdStart;
using Flint.Images;
using Flint.Runtimes.Direct;

namespace Flint.Bench.Direct;

/// <summary>
/// Cold starts of the same image without Flint: each runtime's own command line (<see cref="IDirectStarter"/>),
/// timed from launching the command to the last byte of the first response (<see cref="FirstResponse"/>).
/// Preparing the command (bundle, rootfs) happens before the clock starts and stopping it after; every instance is
/// stopped and its files removed before the next measurement, whatever happened.
/// </summary>
public sealed class DirectStartRunner(IReadOnlyList<IDirectStarter> starters, FunctionImage image)
{
    /// <summary>The phase at which the command had been spawned (posix_spawn returned).</summary>
    public const string LaunchedPhase = "launched";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The runtimes this runner can start directly on this host.</summary>
    public IReadOnlyList<string> Runtimes { get; } = [.. starters.Where(s => s.CheckAvailability().IsAvailable).Select(s => s.Name)];

    /// <summary>The command each runtime is started with, in words, for the report.</summary>
    public IReadOnlyDictionary<string, string> Commands { get; } = starters.ToDictionary(s => s.Name, s => s.Command);

    public bool Covers(string runtime) => Runtimes.Contains(runtime);

    /// <summary>One direct cold start; a failure is a sample with its reason, never an exception.</summary>
    public async Task<ColdStartSample> MeasureAsync(string runtime, int iteration, int sequence)
    {
        var starter = starters.First(s => s.Name == runtime);
        DirectInstance instance;
        try
        {
            instance = starter.Prepare(image, FreePort());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(runtime, iteration, sequence, $"could not prepare: {e.Message}");
        }

        await using (instance.ConfigureAwait(false))
        {
            var start = Stopwatch.GetTimestamp();
            RawHttpReply reply;
            double launched;
            try
            {
                instance.Launch();
                launched = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                reply = FirstResponse.Get(instance.Port, HelloFunction.Path, StartTimeout, () => instance.HasExited);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Failed(runtime, iteration, sequence, $"could not launch {string.Join(' ', instance.Arguments)}: {e.Message}");
            }

            var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var matches = reply.Body == HelloFunction.ExpectedBody;
            var error = reply.Error is { } why ? $"{why}{await TailAsync(instance).ConfigureAwait(false)}" : reply.Status != 200 ? $"HTTP {reply.Status}" : matches ? null : $"unexpected body: {reply.Body}";
            return new ColdStartSample(runtime, iteration, sequence, reply.Status == 0 ? double.NaN : total, reply.Status, matches, true, instance.Id, error, [new PhaseOffset(LaunchedPhase, launched)]);
        }
    }

    /// <summary>
    /// Starts a direct instance and waits for its first answer, for loading it warm; the caller disposes it.
    /// Null with the reason when it did not come up (then nothing is left running).
    /// </summary>
    public async Task<(DirectInstance? Instance, string? Error)> StartWarmAsync(string runtime)
    {
        var instance = starters.First(s => s.Name == runtime).Prepare(image, FreePort());
        try
        {
            instance.Launch();
            var reply = FirstResponse.Get(instance.Port, HelloFunction.Path, StartTimeout, () => instance.HasExited);
            if (reply.Status == 200)
            {
                return (instance, null);
            }

            var error = reply.Error ?? $"HTTP {reply.Status}";
            await instance.DisposeAsync().ConfigureAwait(false);
            return (null, error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            return (null, e.Message);
        }
    }

    private static ColdStartSample Failed(string runtime, int iteration, int sequence, string error) =>
        new(runtime, iteration, sequence, double.NaN, 0, false, null, null, error, []);

    /// <summary>What the command printed, read to the end when it has exited (a failed start's reason is often its last line).</summary>
    private static async Task<string> TailAsync(DirectInstance instance)
    {
        var tail = instance.HasExited ? await instance.FinalOutputTailAsync().ConfigureAwait(false) : instance.OutputTail();
        return tail.Length > 0 ? $" (output: {tail})" : "";
    }

    /// <summary>A loopback port free right now (the instance binds it a moment later).</summary>
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
