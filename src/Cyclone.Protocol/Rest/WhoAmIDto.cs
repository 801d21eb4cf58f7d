namespace Cyclone.Protocol.Rest;

/// <summary>Who a token acts for: its user, the role it acts with (<c>admin</c>, <c>user</c> or <c>agent</c>) and its id.</summary>
public sealed record WhoAmIDto(string User, string Role, long? TokenId);
