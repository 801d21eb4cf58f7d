namespace Cyclone.Core.Scheduling;

/// <summary>
/// What a pull worker asks for (<see cref="SchedulerState.Pull"/>): up to <see cref="Max"/> ready single-node tasks
/// whose labels it carries, of <see cref="Owner"/> only when that is given. Its attempts go back to the queue when
/// it makes no call for <see cref="LeaseTime"/>.
/// </summary>
public sealed record PullAsk(string Worker, IReadOnlySet<string> Labels, string? Owner, int Max, TimeSpan LeaseTime);
