namespace Cyclone.Protocol.Rest;

/// <summary>A run that was started: its job id, the workflow, and the commit it runs (null for a task file).</summary>
public sealed record RunStartedDto(long RunId, string Workflow, string? Commit);
