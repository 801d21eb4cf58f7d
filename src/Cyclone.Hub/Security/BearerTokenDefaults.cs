namespace Cyclone.Hub.Security;

/// <summary>Names shared by the bearer token scheme and the code that reads its results.</summary>
public static class BearerTokenDefaults
{
    public const string Scheme = "Bearer";

    /// <summary>Claim with the id of the token a request came with.</summary>
    public const string TokenIdClaim = "cyclone:token";

    /// <summary><see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key of why a presented token was refused.</summary>
    public const string FailureItem = "cyclone:auth-failure";

    /// <summary><see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key of the HTTP status a refused gRPC call stands for (it is answered with 200 and a gRPC status).</summary>
    public const string DeniedStatusItem = "cyclone:denied-status";
}
