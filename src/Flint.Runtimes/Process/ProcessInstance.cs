using System.ComponentModel;
using System.Diagnostics;
using Flint.Runtimes.Common;
using OsProcess = System.Diagnostics.Process;

namespace Flint.Runtimes.Process;

/// <summary>
/// The process runtime's handle on one running function process: its output pumps and a stop that
/// runs once (SIGTERM, then SIGKILL after the grace period) and always reaps the process.
/// </summary>
internal sealed class ProcessInstance
{
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);
    private readonly OsProcess _process;
    private readonly OutputPump _stdout;
    private readonly OutputPump _stderr;
    private readonly Lock _stopGate = new();
    private Task? _stopping;
    private int? _exitCode;

    private ProcessInstance(OsProcess process, OutputPump stdout, OutputPump stderr)
    {
        _process = process;
        _stdout = stdout;
        _stderr = stderr;
    }

    public bool HasExited
    {
        get
        {
            try
            {
                return _exitCode is not null || _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts the executable with exactly the given environment, stdin closed.</summary>
    public static ProcessInstance Launch(string id, string executable, IEnumerable<KeyValuePair<string, string>> environment, IInstanceLog log)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable),
        };
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        OsProcess process;
        try
        {
            process = OsProcess.Start(startInfo) ?? throw new InstanceStartException($"could not start '{executable}'");
        }
        catch (Win32Exception e)
        {
            throw new InstanceStartException($"could not start '{executable}': {e.Message}", e);
        }

        process.StandardInput.Close();
        return new ProcessInstance(
            process,
            new OutputPump(process.StandardOutput, id, OutputChannel.Stdout, log),
            new OutputPump(process.StandardError, id, OutputChannel.Stderr, log));
    }

    /// <summary>The exit status once the process is stopped and reaped.</summary>
    public int? ExitCode => _exitCode;

    /// <summary>The last lines the process printed, stderr after stdout.</summary>
    public string OutputTail() =>
        string.Join('\n', new[] { _stdout.Tail(), _stderr.Tail() }.Where(t => t.Length > 0));

    /// <summary>Stops the process; every caller awaits the same stop. Cancellation skips the grace period.</summary>
    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync(grace, cancellationToken);
        }
    }

    /// <summary>SIGKILL now, without waiting; for a host that is exiting.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (Win32Exception)
        {
        }
    }

    private async Task StopCoreAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!_process.HasExited && PosixSignals.Terminate(_process.Id))
        {
            using var graceOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            graceOver.CancelAfter(grace);
            try
            {
                await _process.WaitForExitAsync(graceOver.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        KillNow();
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _exitCode = _process.ExitCode;
        try
        {
            await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(OutputDrainLimit, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the output pipes open; the tail so far is all we keep.
        }

        _process.Dispose();
    }
}
