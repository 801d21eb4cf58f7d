using System.Reflection;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Storage.Contract;
using Cyclone.Tasks.Catalog;
using Cyclone.Tasks.Generators;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Generators;

/// <summary>
/// Runs every enabled generator of <c>Hub:Generators</c>: each task it yields is submitted like a REST submission
/// (<see cref="GeneratedJobs"/>), and once it is durable the generator's cursor (<c>generator:NAME</c> in the store) moves
/// past it. A task that is not valid is logged with its cursor and skipped. A generator that fails is started again
/// from its cursor after a pause that doubles up to a minute.
/// </summary>
public sealed partial class GeneratorService(
    IOptions<HubOptions> options, IStore store, SchedulerLoop loop, GeneratedJobs jobs, TimeProvider time, ILogger<GeneratorService> logger,
    Metrics.HubInstruments instruments)
    : BackgroundService
{
    /// <summary>The store cursor of generator <paramref name="name"/>.</summary>
    public static string CursorName(string name) => $"generator:{name}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var generators = options.Value.Generators.Where(g => g.Value.Enabled).ToList();
        if (generators.Count == 0)
        {
            return;
        }

        await loop.Ready.WaitAsync(stoppingToken);
        await Task.WhenAll(generators.Select(g => RunAsync(g.Key, g.Value, stoppingToken)));
    }

    private async Task RunAsync(string name, GeneratorOptions generator, CancellationToken ct)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var submitted = await GenerateAsync(name, generator, ct);
                LogEnded(name, submitted);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(name, pause.TotalSeconds, ex.Message);
                await Task.Delay(pause, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    private async Task<long> GenerateAsync(string name, GeneratorOptions generator, CancellationToken ct)
    {
        var instance = Create(generator);
        var cursor = await store.GetCursorAsync(CursorName(name), ct);
        var configFile = generator.ConfigFile is null ? null : Path.GetFullPath(generator.ConfigFile);
        LogStarting(name, generator.Class!, cursor ?? "the start");
        await using var log = new LogLineWriter(logger, name);
        var context = new GeneratorContext(name, configFile, cursor, time, log);
        var submitted = 0L;
        await foreach (var task in instance.GenerateAsync(context, ct))
        {
            if (task.Cursor.Length is 0 or > 4096)
            {
                throw new InvalidOperationException($"the generator gave a cursor of {task.Cursor.Length} characters; 1 to 4096 are allowed");
            }

            var (jobId, problem) = await jobs.SubmitAsync(task.Job, generator.User, ct);
            if (problem is not null)
            {
                LogInvalid(name, task.Cursor, problem);
                instruments.GeneratorTasksRefused.WithLabels(name).Inc();
            }
            else
            {
                submitted++;
                instruments.GeneratorJobsSubmitted.WithLabels(name).Inc();
                LogSubmitted(name, jobId!.Value, task.Cursor);
            }

            await store.SetCursorAsync(CursorName(name), task.Cursor, time.GetUtcNow(), ct);
        }

        return submitted;
    }

    private static ITaskGenerator Create(GeneratorOptions generator)
    {
        if (generator.Assembly is null)
        {
            return BuiltinGenerators.Create(generator.Class!);
        }

        var assembly = PluginLoadContext.LoadPlugin(generator.Assembly);
        var type = assembly.GetType(generator.Class!, throwOnError: false)
            ?? throw new InvalidOperationException($"{generator.Assembly} has no class {generator.Class}");
        if (!typeof(ITaskGenerator).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"{generator.Class} of {generator.Assembly} does not implement {typeof(ITaskGenerator).FullName}");
        }

        try
        {
            return (ITaskGenerator)Activator.CreateInstance(type)!;
        }
        catch (Exception ex) when (ex is TargetInvocationException or MissingMethodException)
        {
            throw new InvalidOperationException($"{generator.Class} could not be created: {(ex.InnerException ?? ex).Message}", ex);
        }
    }
}
