namespace Cyclone.Protocol.Rest;

/// <summary>Output chunks after a sequence number, and whether more can still come.</summary>
public sealed record OutputPageDto(IReadOnlyList<OutputChunkDto> Chunks, long NextSeq, bool JobEnded);
