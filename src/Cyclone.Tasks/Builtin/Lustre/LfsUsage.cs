namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// One row of figures of <c>lfs df</c>: total, used and available, and the use percentage lfs printed. Space is
/// in bytes (from 1K-blocks, or from <c>-h</c> figures such as <c>9.2G</c>, which are rounded); with <c>-i</c> the
/// figures are inode counts.
/// </summary>
public sealed record LfsUsage(long Total, long Used, long Available, int UsePercent);
