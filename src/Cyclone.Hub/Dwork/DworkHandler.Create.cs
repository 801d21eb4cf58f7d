using System.Text.Json;
using Cyclone.Core.Dependencies;
using Cyclone.Protocol.Dwork;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Dwork;

internal sealed partial class DworkHandler
{
    /// <summary>One Create at a time: names are checked for uniqueness and stored before the next is checked.</summary>
    private readonly SemaphoreSlim _creating = new(1, 1);

    public void Dispose() => _creating.Dispose();

    /// <summary>Stores the tasks as one job and answers OK once that is durable; Error (nothing stored) when they are not valid.</summary>
    private async Task<QueryMsg> CreateAsync(QueryMsg query, CancellationToken ct)
    {
        await _creating.WaitAsync(ct);
        try
        {
            if (DworkGraph.Order(query.Task, registry.Contains, out var error) is not { } ordered)
            {
                return Error($"Create refused, nothing stored: {error}");
            }

            var job = NewJob(ordered);
            var stored = await loop.SubmitAsync(job, ct);
            registry.Add(ordered.Select((t, i) => new DworkTask(stored.TaskIds[i], t.Name, t.Origin, [.. t.Pred.Select(p => p.Name).Distinct(StringComparer.Ordinal)])));
            DworkLog.Created(logger, ordered.Count, stored.JobId, ordered[0].Origin);
            return Ok();
        }
        finally
        {
            _creating.Release();
        }
    }

    private NewJob NewJob(List<TaskMsg> ordered)
    {
        var index = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        var tasks = new List<NewTask>(ordered.Count);
        var demand = DworkJobs.Demand(_options.RunNames);
        foreach (var msg in ordered)
        {
            var i = tasks.Count;
            index[msg.Name] = i;
            var dependencies = msg.Pred.Select(p => p.Name).Distinct(StringComparer.Ordinal)
                .Select(p => index.TryGetValue(p, out var up) ? NewDependency.OnIndex(up, DependencyKind.AfterOk) : NewDependency.OnTask(registry.Find(p)!.Id, DependencyKind.AfterOk))
                .ToList();
            tasks.Add(new NewTask(i, msg.Name, demand, Nodes: 1, Priority: 0, MaxRetries: 0, TimeLimit: null, new TaskPayload
            {
                Command = ["sh", "-c", msg.Name],
                User = _options.User,
                TaskIndex = i,
            })
            {
                Dependencies = dependencies,
            });
        }

        var origin = ordered[0].Origin;
        var spec = JsonSerializer.Serialize(new { dwork = new { origin, tasks = ordered.Count, runNames = _options.RunNames } });
        return new NewJob(DworkJobs.JobName(origin), _options.User, spec, time.GetUtcNow(), tasks);
    }
}
