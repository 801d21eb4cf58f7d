namespace Cyclone.Hub.Tests.Security;

/// <summary>Who may make a call in the authorization matrix.</summary>
internal enum AccessRule
{
    /// <summary>Anyone, without a token (only <c>/healthz</c>).</summary>
    Anyone,

    /// <summary>Users and administrators; agents get 403.</summary>
    Users,

    /// <summary>Users and administrators and agents (who am I).</summary>
    AnyToken,

    /// <summary>The owner (user A) and administrators; user B and agents get 403.</summary>
    Owner,

    /// <summary>Administrators only.</summary>
    Admin,

    /// <summary>Agents and administrators.</summary>
    Agents,
}
