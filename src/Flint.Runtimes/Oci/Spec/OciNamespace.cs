namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciNamespace(string Type);
