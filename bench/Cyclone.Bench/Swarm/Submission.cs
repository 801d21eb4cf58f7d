namespace Cyclone.Bench.Swarm;

/// <summary>One acknowledged submission: when its answer arrived (a Stopwatch timestamp), how long it took, and its tasks.</summary>
public sealed record Submission(long AckedAt, double SubmitMs, IReadOnlyList<long> TaskIds);
