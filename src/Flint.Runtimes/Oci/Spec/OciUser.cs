namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciUser(uint Uid, uint Gid);
