// Kestrel minimal APIs, trimmed for NativeAOT: the "realistic app" next to the raw-socket hello.
using System.Globalization;

var builder = WebApplication.CreateSlimBuilder(args);

// Socket activation (LISTEN_FDS=1, LISTEN_PID = this process): serve the socket the platform passed
// as descriptor 3. Otherwise bind HOST:PORT, the container contract.
if (Environment.GetEnvironmentVariable("LISTEN_FDS") is { Length: > 0 } fds && int.TryParse(fds, out var count) && count >= 1
    && Environment.GetEnvironmentVariable("LISTEN_PID") == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
{
    Environment.SetEnvironmentVariable("LISTEN_FDS", null);
    Environment.SetEnvironmentVariable("LISTEN_PID", null);
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenHandle(3));
}
else
{
    var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } text && int.TryParse(text, out var parsed) ? parsed : 8080;
    var host = Environment.GetEnvironmentVariable("HOST") is { Length: > 0 } address ? address : "0.0.0.0";
    builder.WebHost.UseUrls($"http://{host}:{port}");
}

builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/", () => "Hello from Flint!\n");
app.MapPost("/echo", async (HttpRequest request, HttpResponse response) =>
{
    response.ContentType = "application/octet-stream";
    await request.Body.CopyToAsync(response.Body).ConfigureAwait(false);
});
app.Run();
