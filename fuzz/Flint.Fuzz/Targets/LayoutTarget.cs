using Flint.Images;
using Flint.Images.Transfer;

namespace Flint.Fuzz.Targets;

/// <summary>
/// An image upload, as <c>POST /system/images</c> takes it: the tar stream unpacked into a fresh directory,
/// the image copied out of it as the image store does, then loaded as a function image and its layer checked.
/// Refusal: <see cref="ImageException"/>.
/// </summary>
internal sealed class LayoutTarget(string scratchDirectory) : IFuzzTarget
{
    private readonly string _upload = Path.Combine(scratchDirectory, "upload");

    public string Name => FuzzTargets.Layout;

    public void Run(byte[] input)
    {
        if (Directory.Exists(_upload))
        {
            Directory.Delete(_upload, recursive: true);
        }

        Directory.CreateDirectory(_upload);
        try
        {
            using var body = new MemoryStream(input, writable: false);
            LayoutTarReader.ExtractAsync(body, Path.Combine(_upload, "incoming"), CancellationToken.None).GetAwaiter().GetResult();
            LayoutCopier.Copy(Path.Combine(_upload, "incoming"), Path.Combine(_upload, "staging"));
            FunctionImage.Load(Path.Combine(_upload, "staging")).CheckLayer();
        }
        catch (ImageException)
        {
        }
        finally
        {
            Directory.Delete(_upload, recursive: true);
        }
    }
}
