using System.Net;
using Cyclone.Hub.Agents;
using Cyclone.Core.Workflows;
using Cyclone.Hub.Api;
using Cyclone.Hub.Api.Access;
using Cyclone.Hub.Api.Agents;
using Cyclone.Hub.Api.Pull;
using Cyclone.Hub.Api.Stream;
using Cyclone.Hub.Api.Estimates;
using Cyclone.Hub.Dashboard;
using Cyclone.Hub.Dwork;
using Cyclone.Hub.Security;
using Microsoft.AspNetCore.Authentication;
using Cyclone.Hub.Api.Workflows;
using Cyclone.Hub.Events;
using Cyclone.Hub.Timers;
using Cyclone.Hub.Sinks;
using Cyclone.Hub.Generators;
using Cyclone.Hub.Metrics;
using Cyclone.Hub.Workflows;
using Cyclone.Hub.Workflows.Versions;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.HighAvailability;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Cyclone.Storage;
using Cyclone.Storage.Relational;
using Cyclone.Hub.Workflows.Kinds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub;

public static partial class HubApplication
{
    private static async Task<int> RunCoreAsync(IReadOnlyDictionary<string, string?> overrides, Action<Uri>? started, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables("CYCLONE_");
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ConfigureCycloneConsole();

        var options = ReadOptions(builder.Configuration, out var optionProblems);
        var storeOptions = builder.Configuration.GetSection("Store").Get<StoreOptions>() ?? new StoreOptions();
        if (builder.Configuration["Store:DataDirectory"] is null)
        {
            storeOptions.DataDirectory = DataDirectory.Default();
        }

        var storeAddress = options?.Store is { } chosen ? StoreAddress.Parse(chosen) : null;
        if (storeAddress?.SqliteDirectory is { } sqliteDirectory)
        {
            storeOptions.DataDirectory = sqliteDirectory;
        }

        var problems = optionProblems.ToList();
        using var certificate = options is { Tls.Enabled: true } ? HubCertificate.Load(options.Tls, problems) : null;
        if (options is null || problems.Count > 0)
        {
            await Console.Error.WriteLineAsync("error: invalid hub configuration:\n  " + string.Join("\n  ", problems));
            return 2;
        }

        ListenOptions? rest = null;
        ListenOptions? grpc = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            var ip = options.BindAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.BindAddress);
            k.Listen(ip, options.Port, o => { o.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2; certificate?.Serve(o); rest = o; });
            k.Listen(ip, options.GrpcPort, o => { o.Protocols = HttpProtocols.Http2; certificate?.Serve(o); grpc = o; });
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });

        AddHubServices(builder.Services, options, storeOptions);
        builder.Services.AddSingleton(sp => (storeAddress ?? StoreAddress.Sqlite(storeOptions.DataDirectory))
            .Create(storeOptions, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        await using var app = builder.Build();
        Directory.CreateDirectory(storeOptions.DataDirectory); // the workflow repository and the bootstrap token live there with any store
        await using var election = await HubActivation.ActivateAsync(app, options, storeAddress, certificate, ct); // a standby waits here
        var registry = app.Services.GetRequiredService<TokenRegistry>();
        await registry.LoadAsync(ct);
        await BootstrapAdmin.EnsureAsync(registry, storeOptions.DataDirectory, Console.Out, ct);
        await app.Services.GetRequiredService<WorkflowHistorySync>().SyncAsync(ct); // the workflows other hubs published, from the store
        MapHub(app);

        var loop = app.Services.GetRequiredService<SchedulerLoop>();
        app.Services.ConnectResultSinks(loop);
        registry.Revoked += (ids, reason) => loop.RevokeTokens(ids, reason);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() => loop.ShutdownAgentsAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(5)));

        await app.StartAsync(ct);
        var info = app.Services.GetRequiredService<HubEndpointInfo>();
        var host = options.BindAddress == "0.0.0.0" ? "127.0.0.1" : options.BindAddress;
        info.Tls = certificate is not null;
        info.RestAddress = new Uri($"{(info.Tls ? "https" : "http")}://{host}:{rest!.IPEndPoint!.Port}");
        info.GrpcPort = grpc!.IPEndPoint!.Port;
        if (certificate is not null)
        {
            LogTls(app.Logger, certificate.Certificate, TimeProvider.System.GetUtcNow());
        }

        app.Logger.LogInformation(
            "Hub listening on {Rest} (agents: gRPC port {Grpc}); data in {Data}, store {Store}", info.RestAddress, info.GrpcPort,
            Path.GetFullPath(storeOptions.DataDirectory), (storeAddress ?? StoreAddress.Sqlite(storeOptions.DataDirectory)).Display);
        if (election is not null)
        {
            await election.AdvertiseAsync(options.HighAvailability.AdvertiseUrl?.Trim().TrimEnd('/') ?? info.RestAddress.ToString().TrimEnd('/'), ct);
        }

        started?.Invoke(info.RestAddress);

        using var stop = ct.Register(() => lifetime.StopApplication());
        using var lost = election?.Lost.Register(() => lifetime.StopApplication()) ?? default;
        await app.WaitForShutdownAsync(CancellationToken.None);
        return election?.LossReason is not null && !ct.IsCancellationRequested ? HubActivation.LostLeadership : 0;
    }

    private static void LogTls(ILogger logger, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DateTimeOffset now)
    {
        logger.LogInformation("Hub serves TLS on both ports with the certificate {Subject} (thumbprint {Thumbprint}), valid until {NotAfter:u}", certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            logger.LogWarning("The hub's TLS certificate {Subject} expired at {NotAfter:u}; clients will refuse it", certificate.Subject, certificate.NotAfter.ToUniversalTime());
        }
    }

    private static void AddHubServices(IServiceCollection services, HubOptions options, StoreOptions storeOptions)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(storeOptions);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IStore>(sp => sp.GetRequiredService<RelationalStore>());
        services.AddSingleton<IAccessStore>(sp => sp.GetRequiredService<RelationalStore>());
        services.AddSingleton<TokenRegistry>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddAuthentication(BearerTokenDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenDefaults.Scheme, null);
        services.AddAuthorization(AccessPolicies.Configure);
        services.AddSingleton<SchedulerLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerLoop>());
        services.AddSingleton<HubEndpointInfo>();
        services.AddSingleton<HubRoster>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<JobTotals>();
        services.AddSingleton<QueueClassCache>();
        services.AddSingleton<Api.Agents.AgentLoadHistoryOptions>();
        services.AddSingleton<Api.Agents.AgentLoadHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<Api.Agents.AgentLoadHistory>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddSingleton<HubKindCatalog>();
        services.AddSingleton<INodeKindCatalog>(sp => sp.GetRequiredService<HubKindCatalog>());
        services.AddHostedService(sp => sp.GetRequiredService<HubKindCatalog>());
        services.AddSingleton(WorkflowLimits.Default);
        services.AddSingleton(sp => new WorkflowRepository(Path.Combine(storeOptions.DataDirectory, "workflows.git")));
        services.AddSingleton<WorkflowHistorySync>();
        services.AddSingleton<WorkflowParser>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<TimerService>();
        services.AddSingleton<DworkRegistry>();
        services.AddSingleton<DworkHandler>();
        services.AddHostedService<DworkServer>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerService>());
        services.AddResultSinks();
        services.AddTaskGenerators();
        services.AddGrpc(o => o.MaxReceiveMessageSize = 16 << 20);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityDocument>());
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    private static void MapHub(WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoint();
        app.MapMetricsEndpoint();
        app.MapOpenApi();
        var api = app.MapGroup("/api/v1");
        api.MapJobEndpoints();
        api.MapClusterEndpoints();
        api.MapWorkflowEndpoints();
        api.MapEventTimerEndpoints();
        api.MapOperationsEndpoints();
        api.MapJobRetryEndpoint();
        api.MapQueueClassEndpoint();
        api.MapAgentActionEndpoints();
        api.MapKindEndpoints();
        api.MapPullEndpoints();
        api.MapAccessEndpoints();
        api.MapRunnerRegistration();
        api.MapStreamEndpoints();
        api.MapEstimateEndpoints();
        app.MapGrpcService<AgentStreamService>().RequireAuthorization(AccessPolicies.Agents);
    }
}
