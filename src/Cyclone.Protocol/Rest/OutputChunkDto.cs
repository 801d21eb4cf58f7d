namespace Cyclone.Protocol.Rest;

/// <summary>A piece of a process's output. <see cref="Seq"/> increases; ask for more after the last one seen.</summary>
public sealed record OutputChunkDto(long Seq, long TaskId, int TaskIndex, int Attempt, int Rank, string Stream, string Data);
