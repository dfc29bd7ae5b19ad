namespace Flint.Runtimes.Oci.Security;

/// <summary>The contents of <c>DefaultSeccompProfile.json</c>.</summary>
internal sealed record SeccompProfileData(int DefaultErrnoRet, IReadOnlyList<string> Architectures, IReadOnlyList<SeccompProfileRule> Rules);
