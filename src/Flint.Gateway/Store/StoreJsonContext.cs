using System.Text.Json.Serialization;
using Flint.Gateway.Functions;

namespace Flint.Gateway.Store;

/// <summary>How a function definition is written in the store.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(FunctionDefinition))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
