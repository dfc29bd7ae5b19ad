namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciRoot(string Path, bool Readonly);
