namespace Cyclone.Storage.Contract;

/// <summary>How long one completed task ran, by its name (a workflow node's name, or the task's); newest first in a list.</summary>
public sealed record PastDuration(string Name, TimeSpan Duration);
