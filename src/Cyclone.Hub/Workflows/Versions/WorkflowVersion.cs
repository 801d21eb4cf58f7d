namespace Cyclone.Hub.Workflows.Versions;

/// <summary>One commit of a workflow: a publish, or its deletion.</summary>
public sealed record WorkflowVersion(string Name, string Commit, string Author, DateTimeOffset When, string Message, string Format, bool Deleted);
