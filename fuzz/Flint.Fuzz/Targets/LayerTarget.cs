using Flint.Images;
using Flint.Images.Oci;

namespace Flint.Fuzz.Targets;

/// <summary>An image's layer file, walked under the unpacking rules. Refusal: <see cref="ImageException"/>.</summary>
internal sealed class LayerTarget(string scratchDirectory) : IFuzzTarget
{
    private readonly string _layer = Path.Combine(scratchDirectory, "layer.tar.gz");

    public string Name => FuzzTargets.Layer;

    public void Run(byte[] input)
    {
        File.WriteAllBytes(_layer, input);
        try
        {
            LayerExtractor.Check(_layer);
        }
        catch (ImageException)
        {
        }
        finally
        {
            File.Delete(_layer);
        }
    }
}
