namespace Cyclone.Protocol.Rest;

/// <summary>A user to add: a name (lower-case letters, digits, <c>_ . -</c>; at most 64) and whether an administrator.</summary>
public sealed class UserAddRequest
{
    public string? Name { get; set; }

    public bool Admin { get; set; }
}
