using System.Reflection;

namespace Cyclone.Hub.Hosting;

/// <summary>Where the hub listens, known once Kestrel has bound its ports.</summary>
public sealed class HubEndpointInfo(TimeProvider time)
{
    /// <summary>When this hub process started.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>The hub's version, from its assembly.</summary>
    public static string Version { get; } =
        typeof(HubEndpointInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public Uri? RestAddress { get; internal set; }

    public int GrpcPort { get; internal set; }

    /// <summary>The dwork endpoint's port, once it listens; null when the protocol is off.</summary>
    public int? DworkPort { get; internal set; }

    /// <summary>True when both ports serve TLS.</summary>
    public bool Tls { get; internal set; }
}
