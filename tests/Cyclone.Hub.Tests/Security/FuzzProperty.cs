namespace Cyclone.Hub.Tests.Security;

/// <summary>A property of a JSON request body; <see cref="Type"/> is string, integer, boolean, array, object or any.</summary>
internal sealed record FuzzProperty(string Name, string Type);
