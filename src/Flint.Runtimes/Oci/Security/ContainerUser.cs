using System.Globalization;
using Flint.Runtimes.Oci.Spec;

namespace Flint.Runtimes.Oci.Security;

/// <summary>
/// The user a container's entrypoint runs as: the image configuration's <c>User</c> when it names a
/// numeric <c>uid</c> or <c>uid:gid</c>, else <c>nobody</c> (65534:65534). A function image carries no
/// <c>/etc/passwd</c>, so user names cannot be resolved and are refused, and so is root: no function
/// runs as uid 0 in its container.
/// </summary>
internal static class ContainerUser
{
    public const uint Nobody = 65534;

    public static OciUser Resolve(string? imageUser)
    {
        if (string.IsNullOrEmpty(imageUser))
        {
            return new OciUser(Nobody, Nobody);
        }

        var parts = imageUser.Split(':');
        if (parts.Length > 2 || !TryParseId(parts[0], out var uid) || (parts.Length == 2 && !TryParseId(parts[1], out _)))
        {
            throw new InstanceStartException($"the image's User '{imageUser}' is not a numeric uid or uid:gid (an image has no /etc/passwd to resolve names in)");
        }

        var gid = parts.Length == 2 ? uint.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : uid;
        if (uid == 0 || gid == 0)
        {
            throw new InstanceStartException($"the image's User '{imageUser}' is root; functions never run as root in their container");
        }

        return new OciUser(uid, gid);
    }

    // 4294967295 is (uid_t)-1, "unchanged" to setresuid: never a real id.
    private static bool TryParseId(string text, out uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id != uint.MaxValue;
}
