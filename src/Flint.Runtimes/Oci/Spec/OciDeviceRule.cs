namespace Flint.Runtimes.Oci.Spec;

internal sealed record OciDeviceRule(bool Allow, string Access);
