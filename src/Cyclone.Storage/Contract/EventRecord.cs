namespace Cyclone.Storage.Contract;

/// <summary>A recorded event: its data (JSON text), who pushed it, and what it did (tasks completed, runs started).</summary>
public sealed record EventRecord(
    long Id, string Name, string Data, string User, DateTimeOffset At, int Delivered, IReadOnlyList<long> StartedRuns);
