namespace Cyclone.Hub.Tests.Security;

/// <summary>A path or query parameter of a <see cref="FuzzEndpoint"/>; <see cref="Type"/> is string, integer or boolean.</summary>
internal sealed record FuzzParameter(string Name, string Location, bool Required, string Type);
