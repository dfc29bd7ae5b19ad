namespace Flint.Runtimes.Process;

/// <summary>
/// What a process instance is launched with, besides its own sandbox and port: a start prepared ahead
/// (<see cref="PreparedStart"/>) serves only a spec with the same key, so a redeployed function (another image,
/// environment, limits or log) never gets an instance made for its previous deployment.
/// </summary>
internal sealed record StartKey(string Function, ResourceLimits Limits, string Executable, string Environment, IInstanceLog Log)
{
    public static StartKey For(InstanceSpec spec, string executable)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var environment = string.Join('\n', spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
        return new StartKey(spec.FunctionName, spec.Limits, executable, environment, spec.Log);
    }
}
