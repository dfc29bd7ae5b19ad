using Flint.Images.Registry;

namespace Flint.Images.Tests.Registry;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("localhost:5000/hello:latest", "localhost:5000", null, true)]
    [InlineData("127.0.0.1:5000/functions/hello", "127.0.0.1:5000", null, true)]
    [InlineData("ghcr.io/flint/hello:v1.2", "ghcr.io", null, false)]
    [InlineData("registry:5000/hello:latest", "registry:5000", null, false)]
    [InlineData("localhost/hello@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "localhost", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    public void TryParse_ReferenceWithItsRegistry_ReadsRegistryDigestAndLocality(string text, string registry, string? digest, bool local)
    {
        Assert.True(ImageReference.TryParse(text, out var reference));

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(local, reference.IsLocal);
        Assert.Equal("docker://" + text, reference.Transport);
    }

    [Theory]
    [InlineData("hello:latest")]
    [InlineData("functions/hello:latest")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("/srv/images/hello")]
    [InlineData("localhost:5000/Hello:latest")]
    [InlineData("localhost:5000/hello:latest --src-creds=x")]
    [InlineData("localhost:5000")]
    public void TryParse_NoRegistryOrNotAReference_IsFalse(string text) =>
        Assert.False(ImageReference.TryParse(text, out _));
}
