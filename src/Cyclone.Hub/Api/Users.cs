namespace Cyclone.Hub.Api;

/// <summary>Who a request acts for. Until users and tokens exist, the caller names itself (<c>?user=</c>); nobody is checked.</summary>
internal static class Users
{
    public static string Of(string? user) => string.IsNullOrWhiteSpace(user) ? "anonymous" : user.Trim()[..Math.Min(100, user.Trim().Length)];
}
