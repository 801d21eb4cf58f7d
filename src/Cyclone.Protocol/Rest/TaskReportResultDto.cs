namespace Cyclone.Protocol.Rest;

/// <summary>
/// What became of one report: <see cref="Status"/> 200 when it was applied (<see cref="State"/> is the task's state
/// afterwards: RUNNING after a heartbeat, PENDING when retried or handed back), 404 when there is no such task, 409 when
/// the worker does not hold that attempt (<see cref="Message"/> says how the task stands).
/// </summary>
public sealed record TaskReportResultDto(long Id, int Status, int? Attempt = null, string? State = null, string? Message = null);
