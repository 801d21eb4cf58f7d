namespace Cyclone.Core.Estimates;

/// <summary>
/// The estimated (or, once known, actual) start and finish of one task; <see cref="Typical"/> is the duration the
/// estimate assumes, from <see cref="Samples"/> past runs.
/// </summary>
public sealed record TaskEstimate(int Index, EstimateBasis Basis, int Samples, TimeSpan? Typical, DateTimeOffset Start, DateTimeOffset Finish);
