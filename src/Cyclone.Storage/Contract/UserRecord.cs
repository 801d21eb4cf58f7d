namespace Cyclone.Storage.Contract;

/// <summary>A user of the hub: whether an administrator, whether disabled (then none of its tokens work), who created it.</summary>
public sealed record UserRecord(string Name, bool IsAdmin, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy);
