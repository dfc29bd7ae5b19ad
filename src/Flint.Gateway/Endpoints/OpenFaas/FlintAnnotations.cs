namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>
/// The annotations that carry Flint's own settings through an OpenFaaS deploy; each takes the
/// value Flint's deploy field of the same name takes. Other annotations are stored and shown back.
/// </summary>
internal static class FlintAnnotations
{
    public const string Prefix = "com.flint.";
    public const string Runtime = "com.flint.runtime";
    public const string Mode = "com.flint.mode";
    public const string IdleTimeout = "com.flint.idle-timeout";
    public const string Timeout = "com.flint.timeout";
    public const string MaxConcurrency = "com.flint.max-concurrency";
    public const string MaxInstances = "com.flint.max-instances";
    public const string Auth = "com.flint.auth";
    public const string Pids = "com.flint.pids";

    public static IReadOnlyList<string> All { get; } = [Runtime, Mode, IdleTimeout, Timeout, MaxConcurrency, MaxInstances, Auth, Pids];
}
