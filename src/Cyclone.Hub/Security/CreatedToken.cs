using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Security;

/// <summary>A token just created: its record and the secret, which is never available again.</summary>
public sealed record CreatedToken(TokenRecord Record, string Secret);
