using System.Text.Json.Serialization;

namespace Flint.Bench.Gateway;

[JsonSerializable(typeof(List<RuntimeStatus>))]
[JsonSerializable(typeof(FunctionDeployment))]
[JsonSerializable(typeof(GatewayError))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
