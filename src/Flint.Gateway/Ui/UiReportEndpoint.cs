namespace Flint.Gateway.Ui;

/// <summary>
/// <c>GET /ui/report/{file}</c>: the latest benchmark report's <c>report.md</c> or one of its SVG
/// charts; any other name, a path included, is a 404.
/// </summary>
internal static class UiReportEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet($"{BenchReports.UrlPrefix}{{file}}", Report);

    private static IResult Report(HttpContext context, string file, BenchReports reports)
    {
        if (reports.Find(file) is not { } path)
        {
            return new ApiError(StatusCodes.Status404NotFound, $"the latest benchmark report has no file '{file}'").ToResult();
        }

        UiHeaders.Apply(context.Response, UiHeaders.ReportPolicy);
        var contentType = file == BenchReports.MarkdownFile ? "text/markdown; charset=utf-8" : "image/svg+xml";
        return TypedResults.PhysicalFile(path, contentType);
    }
}
