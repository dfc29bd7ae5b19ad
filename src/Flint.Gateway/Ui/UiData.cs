using Flint.Gateway.Metrics;

namespace Flint.Gateway.Ui;

/// <summary>
/// What <c>/ui</c> shows, as <c>GET /ui/data</c> answers it: the functions, the per-function cold-start
/// histograms (counts per bucket of <paramref name="BucketSeconds"/>, then one past the last) and the
/// latest benchmark report, or null when there is none.
/// </summary>
internal sealed record UiData(
    IReadOnlyList<UiFunction> Functions,
    IReadOnlyList<double> BucketSeconds,
    IReadOnlyList<ColdStartHistogram> ColdStarts,
    BenchReportView? Report);
