namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciProcess(
    bool Terminal,
    OciUser User,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    OciCapabilities Capabilities,
    bool NoNewPrivileges);
