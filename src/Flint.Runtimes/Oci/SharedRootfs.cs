using Flint.Images;

namespace Flint.Runtimes.Oci;

/// <summary>
/// The image's root file system, unpacked once per digest and mounted read-only into every
/// instance. The directories the runtime mounts onto are created here once, so no instance has to
/// write into the shared tree.
/// </summary>
internal static class SharedRootfs
{
    public static string Prepare(FunctionImage image, string cacheRoot)
    {
        var rootfs = image.UnpackRootfs(cacheRoot);
        foreach (var mountPoint in OciSpecFactory.MountPoints)
        {
            Directory.CreateDirectory(Path.Combine(rootfs, mountPoint));
        }

        return rootfs;
    }
}
