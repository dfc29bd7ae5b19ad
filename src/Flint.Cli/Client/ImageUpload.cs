using System.Text.Json.Nodes;
using Flint.Images;

namespace Flint.Cli.Client;

/// <summary>
/// Sends a local image (a <c>flint build</c> output or an OCI layout) to the gateway, which stores it
/// content-addressed; returns the manifest digest a deploy names it by. Works from any directory and
/// against a gateway on another machine: the gateway never reads the client's paths.
/// </summary>
internal static class ImageUpload
{
    public static async Task<string> UploadAsync(GatewayClient client, string directory, CancellationToken cancellationToken)
    {
        var image = FunctionImage.Load(directory);
        using var content = new ImageUploadContent(image);
        using var response = await client.SendAsync(HttpMethod.Post, "system/images", content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw client.Failure(response, text);
        }

        return JsonNode.Parse(text)?["image"]?.GetValue<string>()
            ?? throw new CliException("the gateway's answer to the image upload names no image");
    }
}
