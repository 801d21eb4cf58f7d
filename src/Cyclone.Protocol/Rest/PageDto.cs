namespace Cyclone.Protocol.Rest;

/// <summary>One page of a longer list; <see cref="Total"/> counts every match.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit);
