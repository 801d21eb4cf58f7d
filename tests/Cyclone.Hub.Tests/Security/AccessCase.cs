namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// One row of the authorization matrix: a call (path with placeholders filled from the fixture), who may make it,
/// and the statuses an allowed caller may get (the first call may create what a later one finds gone).
/// </summary>
internal sealed record AccessCase(string Method, string Path, string? Body, AccessRule Rule, params int[] Allowed)
{
    /// <summary>The body's content type; JSON unless a file is uploaded.</summary>
    public string ContentType { get; init; } = "application/json";

    public override string ToString() => $"{Method} {Path}";
}
