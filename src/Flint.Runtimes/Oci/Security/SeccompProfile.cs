using System.Text.Json;
using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Oci.Security;

/// <summary>
/// The seccomp filter of every crun and runc instance, kept as data in the embedded
/// <c>DefaultSeccompProfile.json</c>: Docker's default profile's rules for x86-64, resolved against the
/// capabilities the instance holds as Docker resolves them, with every other syscall failing with EPERM.
/// </summary>
internal static class SeccompProfile
{
    public const string ResourceName = "Flint.Runtimes.Oci.Security.DefaultSeccompProfile.json";

    private static readonly Lazy<SeccompProfileData> Data = new(Load);

    public static OciSeccomp For(IReadOnlyList<string> capabilities)
    {
        var held = capabilities.ToHashSet(StringComparer.Ordinal);
        var data = Data.Value;
        return new OciSeccomp(
            "SCMP_ACT_ERRNO",
            data.DefaultErrnoRet,
            data.Architectures,
            [.. data.Rules.Where(r => r.AppliesTo(held)).Select(r => new OciSyscall(r.Names, r.Action, r.ErrnoRet, r.Args))]);
    }

    private static SeccompProfileData Load()
    {
        using var stream = typeof(SeccompProfile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        return JsonSerializer.Deserialize(stream, SeccompProfileJsonContext.Default.SeccompProfileData)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is empty");
    }
}
