using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Security;

/// <summary>What a presented token is: its record, its user and the role it acts with; or why it is refused.</summary>
public sealed record TokenCheck(TokenRecord? Token, UserRecord? User, string? Role, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static TokenCheck Refused(string why) => new(null, null, null, why);
}
