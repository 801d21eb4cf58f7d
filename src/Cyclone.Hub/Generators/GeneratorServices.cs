using Microsoft.Extensions.DependencyInjection;

namespace Cyclone.Hub.Generators;

/// <summary>Adds the task generators (<c>Hub:Generators</c>) to the hub.</summary>
public static class GeneratorServices
{
    public static IServiceCollection AddTaskGenerators(this IServiceCollection services)
    {
        services.AddSingleton<GeneratedJobs>();
        services.AddHostedService<GeneratorService>();
        return services;
    }
}
