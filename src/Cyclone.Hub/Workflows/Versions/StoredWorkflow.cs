namespace Cyclone.Hub.Workflows.Versions;

/// <summary>A workflow file as stored at a commit.</summary>
public sealed record StoredWorkflow(string Name, string Format, byte[] Content, string Commit);
