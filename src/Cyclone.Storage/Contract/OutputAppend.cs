namespace Cyclone.Storage.Contract;

/// <summary>A chunk of one process's output to store. <see cref="Stream"/> is 0 for stdout, 1 for stderr.</summary>
public sealed record OutputAppend(long TaskId, int Attempt, int Rank, int Stream, ReadOnlyMemory<byte> Data);
