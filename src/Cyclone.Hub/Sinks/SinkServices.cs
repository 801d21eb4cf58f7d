using Cyclone.Hub.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Cyclone.Hub.Sinks;

/// <summary>Adds the result sinks (<c>Hub:Sinks</c>) to the hub.</summary>
public static class SinkServices
{
    public static IServiceCollection AddResultSinks(this IServiceCollection services)
    {
        services.AddSingleton<Metrics.HubInstruments>();
        services.AddSingleton<ResultsSignal>();
        services.AddSingleton<SinkService>();
        services.AddHostedService(sp => sp.GetRequiredService<SinkService>());
        return services;
    }

    /// <summary>Wakes the sinks whenever <paramref name="loop"/> has stored results.</summary>
    public static void ConnectResultSinks(this IServiceProvider services, SchedulerLoop loop)
    {
        var signal = services.GetRequiredService<ResultsSignal>();
        loop.ResultsStored += signal.Pulse;
        var instruments = services.GetRequiredService<Metrics.HubInstruments>();
        loop.TransitionsStored += transitions => Metrics.MetricsEndpoint.Count(instruments, transitions);
    }
}
