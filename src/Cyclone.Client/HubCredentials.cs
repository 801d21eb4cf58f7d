namespace Cyclone.Client;

/// <summary>What a client presents to a hub: a token (null: none) and a CA file to trust for its TLS certificate (null: the system's).</summary>
public sealed record HubCredentials(string? Token, string? CaFile);
