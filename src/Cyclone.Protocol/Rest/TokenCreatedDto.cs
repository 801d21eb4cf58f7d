namespace Cyclone.Protocol.Rest;

/// <summary>A new token: <see cref="Secret"/> is shown this once and cannot be read again.</summary>
public sealed record TokenCreatedDto(TokenDto Token, string Secret);
