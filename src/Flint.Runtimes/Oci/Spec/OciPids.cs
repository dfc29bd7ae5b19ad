namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciPids(long Limit);
