namespace Cyclone.Storage.Contract;

/// <summary>One page of a query and the count of all matches.</summary>
public sealed record PageResult<T>(IReadOnlyList<T> Items, long Total);
