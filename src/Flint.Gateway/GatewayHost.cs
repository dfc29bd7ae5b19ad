using Flint.Gateway.Async;
using Flint.Gateway.Endpoints;
using Flint.Gateway.Endpoints.OpenFaas;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Metrics;
using Flint.Gateway.Proxy;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Gateway.Store;
using Flint.Gateway.Ui;
using Flint.Runtimes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Flint.Gateway;

/// <summary>
/// Builds a ready-to-run gateway. Run it with <c>RunAsync</c> (or <c>StartAsync</c> then
/// <see cref="Address"/>); stopping it gracefully drains requests, then stops every instance.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(GatewayOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.BindAddress, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;

            // Kestrel answers requests beyond its own header limits with an empty 431 before any
            // middleware runs; its ceilings sit well above the gateway's, which RequestHeaderLimits
            // enforces with a JSON answer.
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeaderBytes * RequestHeaderLimits.KestrelCeilingFactor;
            kestrel.Limits.MaxRequestHeaderCount = options.MaxRequestHeaderCount * RequestHeaderLimits.KestrelCeilingFactor;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(AdminToken.From(options.AdminToken));
        builder.Services.AddSingleton(_ => options.CreateRuntimes(new RuntimeOptions(dataDirectory)));
        builder.Services.AddSingleton(_ => new FunctionStore(dataDirectory));
        builder.Services.AddSingleton(_ => new ImageStore(dataDirectory));
        builder.Services.AddSingleton<ImageCollector>();
        builder.Services.AddSingleton<RegistryPuller>();
        builder.Services.AddSingleton<ImageReferences>();
        builder.Services.AddSingleton<FunctionCatalog>();
        builder.Services.AddSingleton(_ => new FunctionLogs(options.LogLinesPerFunction));
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<BenchReports>();
        builder.Services.AddSingleton<Scaler>();
        builder.Services.AddSingleton<InstanceForwarder>();
        builder.Services.AddSingleton<Admission.InvocationGate>();
        builder.Services.AddHostedService<LeftoverSweeper>();
        builder.Services.AddHostedService<ScalerLifetime>();
        builder.Services.AddSingleton<AsyncQueue>();
        builder.Services.AddHostedService<AsyncInvoker>();
        builder.Services.AddHttpForwarder();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrors>();
        app.UseMiddleware<RequestHeaderLimits>();
        app.UseMiddleware<ManagementAuthentication>();
        UploadImageEndpoint.Map(app);
        DeployFunctionEndpoint.Map(app);
        UpdateFunctionEndpoint.Map(app);
        ListFunctionsEndpoint.Map(app);
        GetFunctionEndpoint.Map(app);
        DeleteFunctionEndpoint.Map(app);
        FunctionLogsEndpoint.Map(app);
        UpdateEndpoint.Map(app);
        DeleteEndpoint.Map(app);
        GetFunctionStatusEndpoint.Map(app);
        SystemInfoEndpoint.Map(app);
        InvokeFunctionEndpoint.Map(app);
        AsyncInvokeEndpoint.Map(app);
        RuntimesEndpoint.Map(app);
        HealthEndpoint.Map(app);
        MetricsEndpoint.Map(app);
        UiPageEndpoint.Map(app);
        UiDataEndpoint.Map(app);
        UiReportEndpoint.Map(app);
        NotFoundFallback.Map(app);
        return app;
    }

    /// <summary>The address a started gateway listens on (with the real port when 0 was asked for).</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.FirstOrDefault() ?? throw new InvalidOperationException("the gateway is not started"));
    }
}
