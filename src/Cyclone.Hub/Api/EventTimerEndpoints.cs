using System.Security.Claims;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Hub.Events;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Hub.Timers;
using Cyclone.Hub.Workflows;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>/api/v1/events/push|status</c> and <c>/api/v1/timers/start|status</c> (and <c>DELETE /timers/{id}</c>).</summary>
public static class EventTimerEndpoints
{
    public static RouteGroupBuilder MapEventTimerEndpoints(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events and timers");
        events.MapPost("/push", PushAsync).WithSummary("Record an event; tasks waiting for it complete and workflows it triggers start.");
        events.MapGet("/status", EventsStatusAsync).WithSummary("Recent events, tasks waiting for events, and event triggers.");
        var timers = api.MapGroup("/timers").WithTags("Events and timers");
        timers.MapPost("/start", StartTimerAsync).WithSummary("Start a timer (in, every or cron) that pushes an event or runs a workflow.");
        timers.MapGet("/status", TimersStatusAsync).WithSummary("Timers with their next firing (?all=true: ended ones too).");
        timers.MapDelete("/{id:long}", CancelTimerAsync).WithSummary("Stop a timer.");
        return api;
    }

    internal static async Task<Ok<EventPushedDto>> PushAsync(EventPushRequest request, EventService events, ClaimsPrincipal principal, CancellationToken ct)
    {
        var r = await events.PushAsync(request.Name ?? "", request.Data?.GetRawText(), Caller.Of(principal).Name, ct);
        return TypedResults.Ok(new EventPushedDto(r.Id, r.Name, r.Delivered, r.StartedRuns));
    }

    internal static async Task<Ok<EventsStatusDto>> EventsStatusAsync(IStore store, SchedulerLoop loop, CancellationToken ct, string? name = null, int limit = 50)
    {
        var recent = await store.ListEventsAsync(name, Math.Clamp(limit, 1, 1000), ct);
        var triggers = (await store.ListTriggersAsync(name, ct)).GroupBy(t => t.Event, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Workflow).ToList(), StringComparer.Ordinal);
        return TypedResults.Ok(new EventsStatusDto(
            recent.Select(e => new EventDto(e.Id, e.Name, JsonNode.Parse(e.Data), e.User, e.At, e.Delivered, e.StartedRuns)).ToList(),
            loop.View.EventWaiters,
            triggers));
    }

    internal static async Task<Created<TimerDto>> StartTimerAsync(
        TimerStartRequest request, TimerService timers, WorkflowService workflows, ClaimsPrincipal principal, CancellationToken ct)
    {
        var problems = new List<WorkflowProblem>();
        var schedules = new[] { ("in", request.In), ("every", request.Every), ("cron", request.Cron) }.Where(s => s.Item2 is not null).ToList();
        TimerSchedule? schedule = null;
        if (schedules.Count != 1)
        {
            problems.Add(new WorkflowProblem("schedule", "give exactly one of in, every or cron"));
        }
        else if (!TimerSchedule.TryParse(schedules[0].Item1, schedules[0].Item2!, out schedule, out var error))
        {
            problems.Add(new WorkflowProblem(schedules[0].Item1, error));
        }

        if ((request.Event is null) == (request.Workflow is null))
        {
            problems.Add(new WorkflowProblem("action", "give exactly one of event (to push) or workflow (to run)"));
        }
        else if (request.Event is not null && !EventService.IsValidName(request.Event))
        {
            problems.Add(new WorkflowProblem("event", $"'{request.Event}' is not an event name"));
        }
        else if (request.Workflow is not null && !workflows.List().Contains(request.Workflow, StringComparer.Ordinal))
        {
            problems.Add(new WorkflowProblem("workflow", $"there is no workflow '{request.Workflow}'"));
        }

        if (problems.Count > 0)
        {
            throw new WorkflowInvalidException("The timer is not valid", problems);
        }

        var timer = await timers.StartAsync(schedule!, request.Event is not null ? "event" : "workflow", request.Event ?? request.Workflow!,
            request.Data?.GetRawText(), Caller.Of(principal).Name, ct);
        return TypedResults.Created($"/api/v1/timers/{timer.Id}", ToDto(timer));
    }

    internal static async Task<Ok<List<TimerDto>>> TimersStatusAsync(IStore store, CancellationToken ct, bool all = false) =>
        TypedResults.Ok((await store.ListTimersAsync(!all, ct)).Select(ToDto).ToList());

    internal static async Task<Results<NoContent, NotFound>> CancelTimerAsync(long id, TimerService timers, IStore store, ClaimsPrincipal principal, CancellationToken ct)
    {
        var timer = (await store.ListTimersAsync(activeOnly: false, ct)).FirstOrDefault(t => t.Id == id);
        if (timer is not null && !Caller.Of(principal).Owns(timer.User))
        {
            throw new NotOwnerException($"timer {id} belongs to {timer.User}; only its owner or an administrator may stop it");
        }

        return timer is not null && await timers.CancelAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static TimerDto ToDto(TimerRecord t) =>
        new(t.Id, t.Kind, t.Spec, t.Action, t.Target, t.User, t.CreatedAt, t.NextAt, t.LastAt, t.LastNote, t.Fired, t.Active);
}
