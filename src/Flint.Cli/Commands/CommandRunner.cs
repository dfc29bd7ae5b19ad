using Flint.Cli.Client;
using Flint.Images;

namespace Flint.Cli.Commands;

/// <summary>Runs a verb's body and prints expected failures as <c>flint: message</c> with exit code 1.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is CliException or ImageException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"flint: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else is a bug in flint, but the user still gets one line, not a stack trace.
            await Console.Error.WriteLineAsync($"flint: unexpected {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
