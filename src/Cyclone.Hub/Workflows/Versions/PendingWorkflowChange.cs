using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Workflows.Versions;

/// <summary>A commit of the workflow repository made but not yet on its branch: what the store records, and the version it becomes.</summary>
public sealed record PendingWorkflowChange(WorkflowChangeRecord Change, WorkflowVersion Version);
