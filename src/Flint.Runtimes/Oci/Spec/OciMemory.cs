namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciMemory(long Limit);
