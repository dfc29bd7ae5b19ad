using System.Text.Json;
using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Oci;

/// <summary>
/// An instance's OCI bundle: a directory holding only its <c>config.json</c>; the rootfs it names is
/// the image's shared, read-only unpacked root.
/// </summary>
internal static class OciBundle
{
    public static string Write(string bundlesDirectory, string id, OciRuntimeSpec spec)
    {
        var bundle = Path.Combine(bundlesDirectory, id);
        Directory.CreateDirectory(bundle);
        using var stream = File.Create(Path.Combine(bundle, "config.json"));
        JsonSerializer.Serialize(stream, spec, OciSpecJsonContext.Default.OciRuntimeSpec);
        return bundle;
    }

    public static void Remove(string bundle)
    {
        if (Directory.Exists(bundle))
        {
            Directory.Delete(bundle, recursive: true);
        }
    }
}
