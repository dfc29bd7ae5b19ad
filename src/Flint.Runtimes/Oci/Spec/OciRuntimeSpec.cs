namespace Flint.Runtimes.Oci.Spec;

/// <summary>The <c>config.json</c> of an OCI bundle (runtime-spec 1.0), the fields Flint sets.</summary>
internal sealed record OciRuntimeSpec(
    string OciVersion,
    OciProcess Process,
    OciRoot Root,
    string Hostname,
    IReadOnlyList<OciMount> Mounts,
    OciLinux Linux);
