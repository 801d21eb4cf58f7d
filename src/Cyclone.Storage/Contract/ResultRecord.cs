namespace Cyclone.Storage.Contract;

/// <summary>
/// A stored result set: what attempt <see cref="Attempt"/> of task <see cref="TaskId"/> emitted for sink <see cref="Sink"/>
/// (<see cref="Items"/>, a JSON array), on agent <see cref="Agent"/> when known. <see cref="Seq"/> grows with every set
/// stored, in commit order: a sink's durable cursor is the last <see cref="Seq"/> it delivered.
/// </summary>
public sealed record ResultRecord(long Seq, long TaskId, long JobId, int Attempt, string Sink, string? Agent, string Items, DateTimeOffset At);
