using Cyclone.Core.Scheduling;

namespace Cyclone.Hub.Scheduling;

/// <summary>A pull worker asks for tasks; <see cref="Tasks"/> holds what it was given once that is durable.</summary>
internal sealed record PullLeaseCommand(PullAsk Ask, TaskCompletionSource Done) : SchedulerCommand
{
    public List<PulledTask> Tasks { get; } = [];
}

/// <summary>
/// A pull worker reports on attempts it holds (renews, completes, fails or hands them back); <see cref="Verdicts"/>
/// says, per report in order, what became of it, once that is durable. Any report renews the worker's lease
/// (for <see cref="LeaseTime"/> from now, when given).
/// </summary>
internal sealed record PullReportCommand(string Worker, PullAction Action, IReadOnlyList<PullReport> Reports, TimeSpan? LeaseTime, TaskCompletionSource Done)
    : SchedulerCommand
{
    public PullVerdict[] Verdicts { get; } = new PullVerdict[Reports.Count];
}
