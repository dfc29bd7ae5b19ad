namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciCpu(long Quota, ulong Period);
