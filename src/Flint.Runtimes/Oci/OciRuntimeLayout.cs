namespace Flint.Runtimes.Oci;

/// <summary>
/// Where an OCI runtime keeps its files under Flint's state directory: the shared image cache
/// (<c>images/</c>), and per runtime its bundles and the <c>--root</c> of its container state.
/// Cgroups go under <c>/flint/&lt;id&gt;</c> in every hierarchy.
/// </summary>
internal sealed record OciRuntimeLayout(string StateDirectory, string RuntimeName)
{
    public const string CgroupParent = "flint";

    public string ImageCache => Path.Combine(StateDirectory, "images");

    public string RuntimeDirectory => Path.Combine(StateDirectory, RuntimeName);

    public string Bundles => Path.Combine(RuntimeDirectory, "bundles");

    public string StateRoot => Path.Combine(RuntimeDirectory, "state");

    public static string CgroupsPath(string id) => $"/{CgroupParent}/{id}";
}
