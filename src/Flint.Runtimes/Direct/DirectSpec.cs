using Flint.Images;

namespace Flint.Runtimes.Direct;

/// <summary>The instance spec a direct start stands for: the image alone, no variables of its own, no limits (as the benchmark deploys it).</summary>
internal static class DirectSpec
{
    public const string FunctionName = "direct";

    public static InstanceSpec For(FunctionImage image) =>
        new(FunctionName, image, new Dictionary<string, string>(), ResourceLimits.None, TimeSpan.Zero, NullInstanceLog.Instance);
}
