using Cyclone.Agent.Attempts;
using Cyclone.Agent.Executors;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Hub;
using Cyclone.Agent.Output;
using Cyclone.Core.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent;

public static partial class AgentApplication
{
    /// <summary>Exit code of an agent the hub refused (token not valid, revoked or expired).</summary>
    public const int RefusedExitCode = 3;

    private static async Task<int> RunCoreAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "Cyclone.Agent",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables("CYCLONE_");
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.ConfigureAgentConsole();

        var options = ReadOptions(builder.Configuration, out var problems);
        if (options is null)
        {
            using var loggers = LoggerFactory.Create(l => l.ConfigureAgentConsole());
            loggers.CreateLogger("Cyclone.Agent").LogError("Invalid agent configuration:\n  {Problems}", string.Join("\n  ", problems));
            return 2;
        }

        var machine = await MachineInfo.DetectAsync(ct);
        var slurmProblem = await Executors.Slurm.SlurmAgentSetup.PrepareAsync(options, machine, ct);
        if (slurmProblem.Problem is { } problem)
        {
            using var loggers = LoggerFactory.Create(l => l.ConfigureAgentConsole());
            loggers.CreateLogger("Cyclone.Agent").LogError("Invalid agent configuration:\n  {Problems}", problem);
            return 2;
        }

        machine = slurmProblem.Machine;
        AddAgentServices(builder.Services, options, machine);
        using var host = builder.Build();
        if (ct.IsCancellationRequested)
        {
            return 0;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stop = ct.Register(lifetime.StopApplication);
        host.Services.GetRequiredService<HubSession>().Retire = _ => lifetime.StopApplication();
        var refused = 0;
        host.Services.GetRequiredService<HubLink>().Refused = reason =>
        {
            // the hub has already given this agent's work to others: stop it now rather than after a grace period
            refused = RefusedExitCode;
            host.Services.GetRequiredService<AttemptSupervisor>().HandBackAll($"the hub refused the agent: {reason}");
            lifetime.StopApplication();
        };
        await host.RunAsync(CancellationToken.None);
        return refused;
    }

    private static Cyclone.Tasks.Catalog.TaskCatalog LoadTasks(AgentOptions options, ILogger logger)
    {
        if (string.IsNullOrEmpty(options.PluginDirectory))
        {
            return Cyclone.Tasks.Catalog.TaskCatalog.Builtin;
        }

        var (catalog, warnings) = Cyclone.Tasks.Catalog.TaskPluginLoader.LoadDirectory(options.PluginDirectory);
        foreach (var warning in warnings)
        {
            logger.LogWarning("Plugin not loaded: {Warning}", warning);
        }

        logger.LogInformation("Typed task kinds: {Kinds}", string.Join(", ", catalog.Kinds.Select(k => k.Kind).Order(StringComparer.Ordinal)));
        return catalog;
    }

    /// <summary>Binds and checks section <c>Agent</c>; null with the problems when it is invalid.</summary>
    internal static AgentOptions? ReadOptions(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        AgentOptions options;
        try
        {
            options = configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        }
        catch (InvalidOperationException ex)
        {
            problems = [BindingProblem(ex)];
            return null;
        }

        problems = options.Problems().ToList();
        if (problems.Count == 0)
        {
            options.CaFile ??= Environment.GetEnvironmentVariable(Cyclone.Client.HubTrust.CaVariable) is { Length: > 0 } ca ? ca : null;
            options.Token = !string.IsNullOrWhiteSpace(options.Token) ? options.Token.Trim()
                : !string.IsNullOrEmpty(options.TokenFile) ? Cyclone.Client.CredentialStore.ReadToken(options.TokenFile)
                : Environment.GetEnvironmentVariable(Cyclone.Client.CredentialStore.TokenVariable)?.Trim();
            if (string.IsNullOrEmpty(options.Token))
            {
                problems = [options.TokenFile is null
                    ? "the agent has no token: give --token-file FILE or set CYCLONE_TOKEN (an administrator creates one with: cyclone token create --role agent)"
                    : $"Agent:TokenFile '{options.TokenFile}' is empty"];
            }
        }

        return problems.Count == 0 ? options : null;
    }

    /// <summary>The binder's message, with the value that did not convert cut short (it is quoted whole, at any length).</summary>
    private static string BindingProblem(InvalidOperationException ex) =>
        ConversionFailure().Match(ex.Message) is { Success: true } m
            ? $"{m.Groups["path"].Value}: '{Excerpt.Of(m.Groups["value"].Value)}' is not a valid {m.Groups["type"].Value}"
            : Excerpt.Of(ex.Message, 500);

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']*)'\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ConversionFailure();

    private static void AddAgentServices(IServiceCollection services, AgentOptions options, MachineInfo machine)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = AgentService.LongestShutdown(options));
        services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        services.AddSingleton(options);
        services.AddSingleton(machine);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OutcomeLedger>();
        services.AddSingleton(sp => new Outbox(options.OutputBufferBytes, sp.GetRequiredService<ILogger<Outbox>>()));
        services.AddSingleton(sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            return new OutputBatcher(b => outbox.PostOutput(b), options.OutputFlushInterval, options.OutputBatchBytes, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IOutputSink>(sp => sp.GetRequiredService<OutputBatcher>());
        services.AddSingleton<SessionJournal>();
        services.AddSingleton<ProcessExecutor>();
        services.AddSingleton(sp => LoadTasks(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Cyclone.Agent.Plugins")));
        services.AddSingleton<TypedTaskExecutor>();
        Executors.Slurm.SlurmAgentSetup.AddServices(services, options);
        services.AddSingleton<AttemptSupervisor>();
        services.AddSingleton<HubSession>();
        services.AddSingleton<HubLink>();
        services.AddHostedService<AgentService>();
    }
}
