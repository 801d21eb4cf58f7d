using Cyclone.Core.Parsing;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Dwork;

namespace Cyclone.Hub.Dwork;

internal sealed partial class DworkHandler
{
    /// <summary>
    /// Complete or Transfer (hand back) tasks the location holds: OK once durable; Error, and nothing changes, when
    /// one of them is unknown or not held by that location.
    /// </summary>
    private async Task<QueryMsg> ReportAsync(QueryMsg query, PullAction action, CancellationToken ct)
    {
        if (Worker(query, out var error) is not { } worker)
        {
            return Error(error);
        }

        if (query.Task.Count == 0)
        {
            return Error($"{query.Type} names no task");
        }

        var ids = new List<long>(query.Task.Count);
        foreach (var msg in query.Task)
        {
            if (registry.Find(msg.Name) is not { } task)
            {
                return Error($"{query.Type} refused, nothing changed: there is no task '{Excerpt.Of(msg.Name, 100)}'");
            }

            if (ids.Contains(task.Id))
            {
                return Error($"{query.Type} refused, nothing changed: task '{Excerpt.Of(msg.Name, 100)}' is named twice");
            }

            ids.Add(task.Id);
        }

        // several tasks: first a heartbeat, which changes nothing but the location's lease and says whether it holds
        // each, so that one bad name refuses the whole message; a single report is refused on its own
        var reports = ids.Select(id => new PullReport(id, null)).ToList();
        if (ids.Count > 1 && Refusal(query, await loop.ReportPulledAsync(worker, PullAction.Heartbeat, reports, null, ct)) is { } refused)
        {
            return refused;
        }

        var verdicts = await loop.ReportPulledAsync(worker, action, reports, null, ct);
        if (ids.Count == 1 && Refusal(query, verdicts) is { } refusedOne)
        {
            return refusedOne;
        }

        var applied = ids.Where((_, i) => verdicts[i].Outcome == PullOutcome.Done).ToList();
        registry.Drop(query.Location, applied);
        if (action == PullAction.Complete)
        {
            registry.MarkDone(applied);
        }

        return applied.Count == ids.Count ? Ok() : Error($"{query.Type}: {ids.Count - applied.Count} of the tasks were lost meanwhile (their lease ran out)");
    }

    /// <summary>An Error naming the first task the location does not hold; null when it holds them all.</summary>
    private QueryMsg? Refusal(QueryMsg query, IReadOnlyList<PullVerdict> verdicts)
    {
        for (var i = 0; i < verdicts.Count; i++)
        {
            if (verdicts[i].Outcome != PullOutcome.Done)
            {
                var why = verdicts[i].Outcome == PullOutcome.NotActive ? "it is done already" : $"it is not stolen by {query.Location} ({verdicts[i].State?.ToString() ?? "ended"})";
                return Error($"{query.Type} refused, nothing changed: task '{Excerpt.Of(query.Task[i].Name, 100)}': {why}");
            }
        }

        return null;
    }

    /// <summary>The location is down: the tasks it holds go back to the queue. OK, or NotFound when it held none.</summary>
    private async Task<QueryMsg> ExitAsync(QueryMsg query, CancellationToken ct)
    {
        if (Worker(query, out var error) is not { } worker)
        {
            return Error(error);
        }

        var held = registry.TakeHeld(query.Location);
        if (held.Count == 0)
        {
            return new QueryMsg { Type = QueryMsg.Types.Type.NotFound };
        }

        var verdicts = await loop.ReportPulledAsync(worker, PullAction.Release, held.Select(id => new PullReport(id, null)).ToList(), null, ct);
        var released = verdicts.Count(v => v.Outcome == PullOutcome.Done);
        DworkLog.Exited(logger, query.Location, released);
        return released > 0 ? Ok() : new QueryMsg { Type = QueryMsg.Types.Type.NotFound };
    }
}
