namespace Cyclone.Agent.Hub;

/// <summary>A hub found through <c>/healthz</c>: its REST address and where its agent stream listens.</summary>
public sealed record HubEndpoint(Uri RestUrl, Uri GrpcUrl, string Version);
