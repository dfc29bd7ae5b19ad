namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciLinux(
    OciResources Resources,
    string CgroupsPath,
    IReadOnlyList<OciNamespace> Namespaces,
    IReadOnlyList<string> MaskedPaths,
    IReadOnlyList<string> ReadonlyPaths,
    OciSeccomp Seccomp);
