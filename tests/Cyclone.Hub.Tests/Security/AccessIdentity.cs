namespace Cyclone.Hub.Tests.Security;

/// <summary>A caller of the matrix: the token it sends (null: none) and what it is.</summary>
internal sealed record AccessIdentity(string Name, string? Token, IdentityKind Kind)
{
    public override string ToString() => Name;
}
