namespace Cyclone.Tasks;

/// <summary>Marks the assembly of the built-in tasks.</summary>
internal static class TaskAssemblyMarker;
