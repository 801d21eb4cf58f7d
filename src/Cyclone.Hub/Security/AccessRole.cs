namespace Cyclone.Hub.Security;

/// <summary>
/// What a token may do. <c>admin</c>: everything. <c>user</c>: own jobs, workflows, events and timers, and read the
/// cluster's state. <c>agent</c>: register, lease, heartbeat, report outcomes and output — nothing else.
/// A token of an administrator with role <c>user</c> acts as <c>admin</c>.
/// </summary>
public static class AccessRole
{
    public const string Admin = "admin";
    public const string User = "user";
    public const string Agent = "agent";

    /// <summary>Roles a token can be created with.</summary>
    public static readonly IReadOnlyList<string> TokenRoles = [User, Agent];
}
