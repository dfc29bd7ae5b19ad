namespace Flint.Gateway.Ui;

/// <summary>The page and its script, embedded in the gateway's assembly and read once.</summary>
internal static class UiAssets
{
    public static readonly Lazy<byte[]> Page = new(() => Read("Flint.Gateway.Ui.page.html"));
    public static readonly Lazy<byte[]> Script = new(() => Read("Flint.Gateway.Ui.page.js"));

    private static byte[] Read(string name)
    {
        using var stream = typeof(UiAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the gateway assembly lacks its resource {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
