using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flint.Gateway.Tests;

/// <summary>Deploy request bodies: name and image plus whatever fields a test sets.</summary>
internal static class DeploySpec
{
    public static StringContent Create(string name, string image, object? extra = null)
    {
        var spec = new JsonObject { ["name"] = name, ["image"] = image };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject())
            {
                spec[key] = value?.DeepClone();
            }
        }

        return Json(spec.ToJsonString());
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
