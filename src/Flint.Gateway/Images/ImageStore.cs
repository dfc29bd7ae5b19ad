using Flint.Images;
using Flint.Images.Oci;
using Flint.Images.Transfer;

namespace Flint.Gateway.Images;

/// <summary>
/// The images deployed functions run: <c>&lt;data&gt;/images/&lt;manifest hex&gt;/</c>, one OCI layout
/// per image, content-addressed and never changed once written. A function names its image by
/// manifest digest, so what it runs is fixed at deploy and survives a gateway restart.
/// </summary>
internal sealed class ImageStore
{
    public const string FolderName = "images";
    private const string IncomingFolder = ".incoming";
    private readonly string _root;

    public ImageStore(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, FolderName);
        Directory.CreateDirectory(_root);

        // Uploads an earlier gateway was receiving when it stopped.
        Discard(Path.Combine(_root, IncomingFolder));
    }

    /// <summary>Whether an image with this manifest digest is stored.</summary>
    public bool Contains(string digest) => Directory.Exists(PathOf(digest));

    /// <summary>
    /// The layout directory a function's image names: a stored image for a digest; a definition
    /// saved before images were stored names a host path, which is returned as it is.
    /// </summary>
    public string LayoutFor(string image) =>
        image.StartsWith("sha256:", StringComparison.Ordinal) ? PathOf(image) : image;

    /// <summary>A fresh empty directory for an upload to land in; delete it with <see cref="Discard"/>.</summary>
    public string NewIncoming()
    {
        var directory = Path.Combine(_root, IncomingFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static void Discard(string incoming)
    {
        if (Directory.Exists(incoming))
        {
            Directory.Delete(incoming, recursive: true);
        }
    }

    /// <summary>
    /// Copies the image in <paramref name="sourceLayout"/> into the store, checking every blob it
    /// copies, that it is a function image and that its layer unpacks within bounds; returns its manifest digest.
    /// </summary>
    public string Add(string sourceLayout)
    {
        var staging = NewIncoming();
        try
        {
            var digest = LayoutCopier.Copy(sourceLayout, staging);
            FunctionImage.Load(staging).CheckLayer();
            var target = PathOf(digest);
            if (!Directory.Exists(target))
            {
                try
                {
                    Directory.Move(staging, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    // The same image was stored meanwhile; the copies are identical.
                }
            }

            return digest;
        }
        finally
        {
            Discard(staging);
        }
    }

    private string PathOf(string digest) => Path.Combine(_root, Digest.Hex(digest));
}
