using Flint.Images;
using Flint.Images.Oci;
using Flint.Images.Transfer;

namespace Flint.Gateway.Images;

/// <summary>
/// The images deployed functions run: <c>&lt;data&gt;/images/&lt;manifest hex&gt;/</c>, one OCI layout
/// per image, content-addressed and never changed once written. A function names its image by
/// manifest digest, so what it runs is fixed at deploy and survives a gateway restart. Images that
/// were pulled (rather than uploaded) are marked in <c>&lt;data&gt;/images/.pulled/</c>, so that
/// <see cref="ImageCollector"/> knows them after a restart too.
/// </summary>
internal sealed class ImageStore
{
    public const string FolderName = "images";
    private const string IncomingFolder = ".incoming";
    private const string PulledFolder = ".pulled";
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

    /// <summary>Marks a stored image as pulled, which <see cref="ImageCollector"/> may remove once no function uses it.</summary>
    public void MarkPulled(string digest)
    {
        var marker = MarkerOf(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllBytes(marker, []);
    }

    /// <summary>The digests of the stored images marked as pulled.</summary>
    public IReadOnlyList<string> Pulled()
    {
        var folder = Path.Combine(_root, PulledFolder);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Select(f => "sha256:" + Path.GetFileName(f)).Where(Contains)]
            : [];
    }

    /// <summary>Deletes a stored image and its mark.</summary>
    public void Remove(string digest)
    {
        var target = PathOf(digest);
        var doomed = Path.Combine(_root, IncomingFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(doomed)!);
        if (Directory.Exists(target))
        {
            // Moved aside first: the image is gone at once, however long its files take to delete.
            Directory.Move(target, doomed);
        }

        File.Delete(MarkerOf(digest));
        Discard(doomed);
    }

    private string MarkerOf(string digest) => Path.Combine(_root, PulledFolder, Digest.Hex(digest));

    private string PathOf(string digest) => Path.Combine(_root, Digest.Hex(digest));
}
