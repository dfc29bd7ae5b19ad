using System.Text.Json.Serialization;
using Flint.Oci.Bundle.Spec;
using Flint.Oci.Cli;
using Flint.Oci.State;

namespace Flint.Oci;

/// <summary>Every JSON shape flint-oci reads or writes, generated at build time (NativeAOT has no reflection-based serializer).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = false)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(Flint.Oci.Bundle.ContainerPlan))]
[JsonSerializable(typeof(OciState))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
