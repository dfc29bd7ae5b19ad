using Flint.Bench.Sizes;
using Flint.Images;
using Flint.Images.Build;
using Flint.Testing;

namespace Flint.Bench.Tests.Sizes;

public sealed class ImageSizeProbeTests
{
    [Fact]
    public void Measure_PackagedStaticProgram_SizesMatchTheFiles()
    {
        using var directory = new TempDirectory("flint-bench-image");
        var program = StaticPrograms.Compile(directory, "tiny", "int main(void) { return 0; }");
        var build = ImageBuilder.Package(program, directory.Combine("out"));

        var sizes = ImageSizeProbe.Measure(FunctionImage.Load(build.OutputDirectory));

        Assert.Equal(build.ExecutableBytes, sizes.ExecutableBytes);
        Assert.Equal(build.Image.LayerCompressedBytes, sizes.LayerCompressedBytes);
        Assert.Equal(build.Image.LayerUncompressedBytes, sizes.LayerUncompressedBytes);
        Assert.Equal(build.ExecutableBytes, sizes.RootfsBytes);
    }
}
