namespace Cyclone.Agent.Hub;

/// <summary>How a stream to the hub ended.</summary>
/// <param name="Welcomed">True when the hub accepted the registration (the backoff then starts again).</param>
/// <param name="Reason">Why the stream ended, for the log.</param>
/// <param name="Refused">True when the hub refuses this agent for good (its token is not valid): trying again cannot help.</param>
public sealed record SessionEnd(bool Welcomed, string Reason, bool Refused = false);
