using Flint.Images.Oci;

namespace Flint.Images.Build;

/// <summary>What <c>flint build</c> produced: the static executable and the OCI image around it.</summary>
public sealed record BuildResult(string Name, string OutputDirectory, string ExecutablePath, long ExecutableBytes, string LayoutDirectory, OciLayoutSummary Image);
