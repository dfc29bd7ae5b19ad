using System.CommandLine;
using System.Text.Json.Nodes;
using Flint.Cli.Client;
using Flint.Images.Registry;

namespace Flint.Cli.Commands;

/// <summary>
/// <c>flint deploy &lt;name&gt; --image DIR --runtime RT --mode MODE ...</c>: uploads the image in DIR,
/// then deploys the function naming it by digest.
/// </summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Function name (lowercase letters, digits, '-')" };
        var image = new Option<string>("--image", "-i") { Description = "A 'flint build' output directory or an OCI image layout (uploaded to the gateway), an uploaded image's sha256: digest, a registry reference the gateway pulls (localhost:5000/hello:latest), or a tag in an OCI layout on the gateway's host under its --images (oci:/path/to/layout:tag)", Required = true };
        var runtime = new Option<string>("--runtime", "-r") { Description = "process | crun | runc | docker | vm", DefaultValueFactory = _ => "process" };
        var mode = new Option<string>("--mode", "-m") { Description = "single-use (an instance per request) | keep-warm (reuse, scale to zero)", DefaultValueFactory = _ => "single-use" };
        var idleTimeout = new Option<string?>("--idle-timeout") { Description = "keep-warm: stop an instance idle this long (e.g. 30s, 5m)" };
        var maxConcurrency = new Option<int?>("--max-concurrency") { Description = "keep-warm: in-flight requests per instance" };
        var maxInstances = new Option<int?>("--max-instances") { Description = "keep-warm: instances at most" };
        var timeout = new Option<string?>("--timeout") { Description = "Each request's whole budget once forwarded, and the limit on an instance's start and on a wait for capacity (e.g. 10s); a hung instance gets 504, a stalled request body 408" };
        var memory = new Option<string?>("--memory") { Description = "Memory limit per instance (e.g. 128Mi)" };
        var cpus = new Option<double?>("--cpus") { Description = "CPU limit per instance" };
        var env = new Option<string[]>("--env", "-e") { Description = "Environment variable K=V (repeatable)", AllowMultipleArgumentsPerToken = false };
        var update = new Option<bool>("--update") { Description = "Replace an existing deployment of this name" };
        var auth = new Option<bool>("--auth") { Description = "Invoking the function needs the gateway's admin token (default: open)" };
        var connection = new GatewayConnection();
        var command = new Command("deploy", "Deploy a function image to the gateway")
        {
            name, image, runtime, mode, idleTimeout, maxConcurrency, maxInstances, timeout, memory, cpus, env, update, auth,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var functionName = parse.GetRequiredValue(name);
            var spec = new JsonObject
            {
                ["name"] = functionName,
                ["runtime"] = parse.GetValue(runtime),
                ["mode"] = parse.GetValue(mode),
                ["env"] = ParseEnv(parse.GetValue(env) ?? []),
            };
            AddIfSet(spec, "idleTimeout", parse.GetValue(idleTimeout));
            AddIfSet(spec, "timeout", parse.GetValue(timeout));
            AddIfSet(spec, "maxConcurrency", parse.GetValue(maxConcurrency));
            AddIfSet(spec, "maxInstances", parse.GetValue(maxInstances));
            if (parse.GetValue(auth))
            {
                spec["auth"] = true;
            }

            var limits = new JsonObject();
            AddIfSet(limits, "memory", parse.GetValue(memory));
            AddIfSet(limits, "cpus", parse.GetValue(cpus));
            spec["limits"] = limits;

            using var client = connection.Connect(parse);
            var imageText = parse.GetRequiredValue(image);
            spec["image"] = imageText.StartsWith("sha256:", StringComparison.Ordinal)
                || LayoutReference.IsLayout(imageText)
                || (!Directory.Exists(imageText) && ImageReference.TryParse(imageText, out _))
                ? imageText
                : await ImageUpload.UploadAsync(client, imageText, cancellationToken).ConfigureAwait(false);
            var (method, path) = parse.GetValue(update) ? (HttpMethod.Put, $"system/functions/{Uri.EscapeDataString(functionName)}") : (HttpMethod.Post, "system/functions");
            await client.JsonAsync(method, path, spec, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"deployed {functionName} ({spec["runtime"]}, {spec["mode"]}): invoke at {connection.Url(parse)}function/{functionName}");
            return 0;
        }));
        return command;
    }

    private static JsonObject ParseEnv(string[] pairs)
    {
        var env = new JsonObject();
        foreach (var pair in pairs)
        {
            var split = pair.Split('=', 2);
            if (split.Length != 2 || split[0].Length == 0)
            {
                throw new CliException($"--env '{pair}' is not K=V");
            }

            env[split[0]] = split[1];
        }

        return env;
    }

    private static void AddIfSet<T>(JsonObject target, string key, T? value)
    {
        if (value is not null)
        {
            target[key] = JsonValue.Create(value);
        }
    }
}
