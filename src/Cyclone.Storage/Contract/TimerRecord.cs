namespace Cyclone.Storage.Contract;

/// <summary>
/// A timer: when it fires (<see cref="Kind"/> <c>in</c>, <c>every</c> or <c>cron</c> with <see cref="Spec"/>),
/// what it does (<see cref="Action"/> <c>event</c> or <c>workflow</c>, on <see cref="Target"/>, with
/// <see cref="Data"/>), and its history: the next and last firing, a note on the last one, how many.
/// </summary>
public sealed record TimerRecord(
    long Id, string Kind, string Spec, string Action, string Target, string? Data, string User, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAt, DateTimeOffset? LastAt, string? LastNote, int Fired, bool Active);
