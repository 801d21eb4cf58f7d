namespace Cyclone.Protocol.Rest;

/// <summary>
/// A token to create: for <see cref="User"/> (yourself when not given; only administrators name another), with a
/// <see cref="Name"/>, a <see cref="Role"/> (<c>user</c>, the default, or <c>agent</c>, administrators only) and
/// an optional lifetime <see cref="Expires"/> such as <c>30d</c>, <c>12h</c> or <c>90m</c>.
/// </summary>
public sealed class TokenCreateRequest
{
    public string? User { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Expires { get; set; }
}
