namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciMount(string Destination, string Type, string Source, IReadOnlyList<string> Options);
