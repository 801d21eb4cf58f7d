using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>How one attempt (one node of it) ended on this agent.</summary>
/// <param name="Kind">Why it ended.</param>
/// <param name="ExitCode">The first non-zero exit status by local rank (128+n for signal n), else 0; -1 when nothing started.</param>
/// <param name="Message">What happened, for people; empty for a plain exit.</param>
/// <param name="Started">When the agent began the attempt.</param>
/// <param name="Ended">When the last process ended and all output was flushed.</param>
/// <param name="Outputs">The outputs the task reported (a JSON object), if any.</param>
public sealed record AttemptResult(OutcomeKind Kind, int ExitCode, string Message, DateTimeOffset Started, DateTimeOffset Ended, string? Outputs = null);
