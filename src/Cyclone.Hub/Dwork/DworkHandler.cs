using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Dwork;
using Cyclone.Storage.Contract;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Dwork;

/// <summary>
/// Answers one dwork request frame with one reply: Create stores a job, Steal leases as a pull worker, Complete,
/// Transfer and Exit report on its leases, Lookup and a bare OK read. Bad input gets an Error that says what is wrong,
/// and changes nothing. Safe to call concurrently.
/// </summary>
internal sealed partial class DworkHandler(
    SchedulerLoop loop, IStore store, DworkRegistry registry, IOptions<HubOptions> options, TimeProvider time, ILogger<DworkHandler> logger)
    : IDisposable
{
    private readonly DworkOptions _options = options.Value.Dwork;

    /// <summary>The reply to <paramref name="frame"/>.</summary>
    public async Task<QueryMsg> HandleAsync(byte[] frame, CancellationToken ct)
    {
        QueryMsg query;
        try
        {
            query = QueryMsg.Parser.ParseFrom(frame);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Error($"the frame is not a QueryMsg: {ex.Message}");
        }

        if (!query.IsInitialized())
        {
            return Error("the message lacks a required field (type, or a task's name or origin, or a dependency's name), or names an unknown type");
        }

        return query.Type switch
        {
            QueryMsg.Types.Type.Create => await CreateAsync(query, ct),
            QueryMsg.Types.Type.Steal => await StealAsync(query, ct),
            QueryMsg.Types.Type.Complete => await ReportAsync(query, PullAction.Complete, ct),
            QueryMsg.Types.Type.Transfer => await ReportAsync(query, PullAction.Release, ct),
            QueryMsg.Types.Type.Exit => await ExitAsync(query, ct),
            QueryMsg.Types.Type.Lookup => await LookupAsync(query, ct),
            QueryMsg.Types.Type.Ok => await StatusAsync(ct),
            _ => Error($"a client does not send {query.Type}"),
        };
    }

    private async Task<QueryMsg> LookupAsync(QueryMsg query, CancellationToken ct)
    {
        if (!query.HasName || registry.Find(query.Name) is not { } task)
        {
            return new QueryMsg { Type = QueryMsg.Types.Type.NotFound, Name = query.Name };
        }

        var state = task.Done ? Core.Tasks.TaskState.Completed
            : (await store.GetTaskStatesAsync([task.Id], ct)).GetValueOrDefault(task.Id, Core.Tasks.TaskState.Completed);
        var message = Describe(task);
        message.Log.Add(new LogMsg { State = DworkJobs.StateOf(state), Time = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 });
        return new QueryMsg { Type = QueryMsg.Types.Type.Ok, Name = task.Name, Task = { message } };
    }

    /// <summary>A bare OK: how the graph stands, with the number of ready tasks in <c>n</c>.</summary>
    private async Task<QueryMsg> StatusAsync(CancellationToken ct)
    {
        await RefreshAsync(force: true, ct);
        var states = await store.GetTaskStatesAsync(registry.OpenIds(), ct);
        var count = states.Values.CountBy(DworkJobs.StateOf).ToDictionary();
        var ready = count.GetValueOrDefault(State.Ready);
        var summary = $"{registry.Count} tasks: {registry.Count - registry.Open} done, {ready} ready, "
            + $"{count.GetValueOrDefault(State.Stolen)} stolen, {count.GetValueOrDefault(State.Waiting)} waiting";
        return new QueryMsg { Type = QueryMsg.Types.Type.Ok, Name = summary, N = ready };
    }

    private static TaskMsg Describe(DworkTask task)
    {
        var message = new TaskMsg { Name = task.Name, Origin = task.Origin };
        message.Pred.AddRange(task.Preds.Select(p => new Dep { Name = p }));
        return message;
    }

    private static QueryMsg Ok() => new() { Type = QueryMsg.Types.Type.Ok };

    private QueryMsg Error(string message)
    {
        DworkLog.Refused(logger, message);
        return new QueryMsg { Type = QueryMsg.Types.Type.Error, Name = message };
    }
}
