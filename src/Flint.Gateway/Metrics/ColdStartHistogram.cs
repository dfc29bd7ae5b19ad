namespace Flint.Gateway.Metrics;

/// <summary>
/// One function's cold starts on one runtime: <paramref name="Counts"/> holds one count per upper
/// bound of <see cref="GatewayMetrics.SecondsBuckets"/> (not cumulative), then one for the slower ones.
/// </summary>
internal sealed record ColdStartHistogram(string Function, string Runtime, IReadOnlyList<long> Counts, long Count, double SumSeconds);
