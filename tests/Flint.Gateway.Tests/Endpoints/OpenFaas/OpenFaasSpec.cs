using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace Flint.Gateway.Tests.Endpoints.OpenFaas;

/// <summary>OpenFaaS's published gateway API description, checked in beside this file (see its LICENSE note).</summary>
internal static class OpenFaasSpec
{
    private static readonly Lazy<OpenApiDocument> Document = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Endpoints", "OpenFaas", "openfaas-gateway.openapi.yml"));
        var document = new OpenApiStreamReader().Read(stream, out var diagnostic);
        Assert.Empty(diagnostic.Errors);
        return document;
    });

    /// <summary>The property names a schema of <c>components/schemas</c> declares.</summary>
    public static HashSet<string> Properties(string schema) => Schema(schema).Properties.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The properties a schema requires.</summary>
    public static HashSet<string> Required(string schema) => Schema(schema).Required.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the description has an operation for <paramref name="method"/> on <paramref name="path"/>.</summary>
    public static bool HasOperation(string path, OperationType method) =>
        Document.Value.Paths.TryGetValue(path, out var item) && item.Operations.ContainsKey(method);

    private static OpenApiSchema Schema(string name) => Document.Value.Components.Schemas[name];
}
