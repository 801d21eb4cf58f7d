namespace Cyclone.Storage.Contract;

/// <summary>A stored output chunk; <see cref="Seq"/> grows with every chunk stored.</summary>
public sealed record OutputChunkRecord(long Seq, long TaskId, int TaskIndex, int Attempt, int Rank, int Stream, byte[] Data);
