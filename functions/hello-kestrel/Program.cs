// Kestrel minimal APIs, trimmed for NativeAOT: the "realistic app" next to the raw-socket hello.
var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } text && int.TryParse(text, out var parsed) ? parsed : 8080;

var host = Environment.GetEnvironmentVariable("HOST") is { Length: > 0 } address ? address : "0.0.0.0";

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://{host}:{port}");
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/", () => "Hello from Flint!\n");
app.MapPost("/echo", async (HttpRequest request, HttpResponse response) =>
{
    response.ContentType = "application/octet-stream";
    await request.Body.CopyToAsync(response.Body).ConfigureAwait(false);
});
app.Run();
