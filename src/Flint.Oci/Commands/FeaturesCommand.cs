using System.Text.Json.Nodes;
using Flint.Oci.Bundle;

namespace Flint.Oci.Commands;

/// <summary><c>features</c>: what flint-oci implements, in the OCI runtime spec's features document.</summary>
internal static class FeaturesCommand
{
    public static int Run()
    {
        Console.Out.WriteLine(Document().ToJsonString());
        return 0;
    }

    public static JsonObject Document() => new()
    {
        ["ociVersionMin"] = "1.0.0",
        ["ociVersionMax"] = StateCommand.OciVersion,
        ["hooks"] = new JsonArray(),
        ["mountOptions"] = new JsonArray(),
        ["linux"] = new JsonObject
        {
            ["namespaces"] = new JsonArray("network"),
            ["capabilities"] = new JsonArray(),
            ["cgroup"] = new JsonObject { ["v1"] = true, ["v2"] = true, ["systemd"] = false, ["systemdUser"] = false },
            ["seccomp"] = new JsonObject { ["enabled"] = false },
            ["apparmor"] = new JsonObject { ["enabled"] = false },
            ["selinux"] = new JsonObject { ["enabled"] = false },
        },
        ["annotations"] = new JsonObject
        {
            ["org.opencontainers.runtime-spec.features.runtime"] = "flint-oci",
            [BundlePlanner.PlatformAnnotation] = "kvm, emulated or auto: the platform that runs the guest",
        },
    };
}
