namespace Cyclone.Protocol.Rest;

/// <summary>One version of a workflow: a commit of the hub's workflow repository.</summary>
public sealed record WorkflowVersionDto(string Name, string Commit, string Author, DateTimeOffset When, string Message, string Format, bool Deleted);
