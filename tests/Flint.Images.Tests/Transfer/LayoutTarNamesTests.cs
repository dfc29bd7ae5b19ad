using Flint.Images.Transfer;

namespace Flint.Images.Tests.Transfer;

public class LayoutTarNamesTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("oci-layout", "oci-layout")]
    [InlineData("./index.json", "index.json")]
    [InlineData("blobs/sha256/" + Hex, "blobs/sha256/" + Hex)]
    [InlineData("./blobs//sha256/./" + Hex, "blobs/sha256/" + Hex)]
    public void Check_LayoutFile_IsAcceptedWithoutDotSegments(string name, string clean)
    {
        Assert.Equal((clean, null), LayoutTarNames.Check(name, directory: false));
    }

    [Theory]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("blobs/../../escape", "'..' segment")]
    [InlineData("blobs/sha256/" + Hex + "/..", "'..' segment")]
    [InlineData("blobs/sha256/ABCDEF", "not part of an OCI image layout")]
    [InlineData("blobs/sha512/" + Hex, "not part of an OCI image layout")]
    [InlineData("etc/cron.d/job", "not part of an OCI image layout")]
    public void Check_AnythingElse_IsRefusedWithTheReason(string name, string reason)
    {
        var (clean, problem) = LayoutTarNames.Check(name, directory: false);

        Assert.Null(clean);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("./", true)]
    [InlineData("blobs/", true)]
    [InlineData("blobs/sha256/", true)]
    [InlineData("rootfs/", false)]
    public void Check_Directory_OnlyTheLayoutsOwn(string name, bool accepted)
    {
        Assert.Equal(accepted, LayoutTarNames.Check(name, directory: true).Problem is null);
    }
}
