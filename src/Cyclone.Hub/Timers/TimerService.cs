using Cyclone.Hub.Events;
using Cyclone.Hub.Workflows;
using Cyclone.Storage.Contract;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Timers;

/// <summary>
/// Fires timers: an event pushed or a workflow run started, once, every interval, or by cron. Timers
/// live in the store, so they survive restarts; a firing missed while the hub was down is made once at
/// start, and the timer's note says so.
/// </summary>
public sealed partial class TimerService(IStore store, EventService events, WorkflowService workflows, TimeProvider time, ILogger<TimerService> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once missed firings have been made after a start.</summary>
    public Task Started => _started.Task;

    /// <summary>Creates a timer and returns it with its first firing time.</summary>
    public async Task<TimerRecord> StartAsync(TimerSchedule schedule, string action, string target, string? data, string user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var timer = new TimerRecord(0, schedule.Kind, schedule.Spec, action, target, data, user, now, schedule.First(now), null, null, 0, true);
        var id = await store.AddTimerAsync(timer, ct);
        _changed.Release();
        return timer with { Id = id };
    }

    /// <summary>Stops a timer; false when there is no active timer with that id.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken ct)
    {
        var timer = (await store.ListTimersAsync(activeOnly: true, ct)).FirstOrDefault(t => t.Id == id);
        if (timer is null)
        {
            return false;
        }

        await store.UpdateTimerAsync(id, null, timer.LastAt, "cancelled", timer.Fired, active: false, ct);
        _changed.Release();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await FireDueAsync(atStart: true, stoppingToken);
        }
        finally
        {
            _started.TrySetResult();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = (await store.ListTimersAsync(activeOnly: true, stoppingToken)).Where(t => t.NextAt is not null).Min(t => t.NextAt);
            var wait = next is { } n ? n - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, cts.Token) : Task.Delay(Min(wait, TimeSpan.FromHours(1)), time, cts.Token);
                await Task.WhenAny(delay, _changed.WaitAsync(cts.Token));
                await cts.CancelAsync();
            }

            await FireDueAsync(atStart: false, stoppingToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task FireDueAsync(bool atStart, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var timer in await store.ListTimersAsync(activeOnly: true, ct))
        {
            if (timer.NextAt is not { } due || due > now || !TimerSchedule.TryParse(timer.Kind, timer.Spec, out var schedule, out _))
            {
                continue;
            }

            var missed = schedule!.MissedSince(timer.CreatedAt, due, now);
            var note = atStart
                ? $"missed {missed} firing(s) while the hub was down (first due {due:u}); fired once at start"
                : "fired";
            if (atStart)
            {
                LogMissed(timer.Id, missed, due);
            }

            note += await FireAsync(timer, ct);
            var nextAt = schedule.Next(timer.CreatedAt, now);
            await store.UpdateTimerAsync(timer.Id, nextAt, now, note, timer.Fired + 1, active: nextAt is not null, ct);
        }
    }

    private async Task<string> FireAsync(TimerRecord timer, CancellationToken ct)
    {
        var user = $"timer:{timer.Id}";
        try
        {
            if (timer.Action == "event")
            {
                var result = await events.PushAsync(timer.Target, timer.Data, user, ct);
                return $"; event {result.Id} completed {result.Delivered} task(s), started {result.StartedRuns.Count} run(s)";
            }

            var (jobId, commit) = await workflows.ExecuteAsync(timer.Target, null, user, ct);
            return $"; run {jobId} of {timer.Target} at {commit[..12]}";
        }
        catch (Exception ex) when (ex is KeyNotFoundException or WorkflowInvalidException)
        {
            LogFireFailed(timer.Id, ex.Message);
            return $"; failed: {ex.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Id} missed {Missed} firing(s) while the hub was down (first due {Due}); firing once now")]
    private partial void LogMissed(long id, int missed, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Id} could not fire: {Reason}")]
    private partial void LogFireFailed(long id, string reason);

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
