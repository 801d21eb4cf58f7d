namespace Cyclone.Core.Scheduling;

/// <summary>
/// What one attempt emitted for one sink: <see cref="Items"/> is a JSON array (rows, or metrics), in the order emitted;
/// <see cref="Count"/> its length.
/// </summary>
public sealed record TaskResultSet(string Sink, string Items, int Count);
