namespace Cyclone.Protocol.Rest;

/// <summary>How many things an operation affected, and what it did.</summary>
public sealed record CountDto(int Count, string Message);
