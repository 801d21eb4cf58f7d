using Cyclone.Hub.Scheduling;

namespace Cyclone.Hub.Dwork;

/// <summary>
/// The dwork wire protocol's settings (configuration section <c>Hub:Dwork</c>): protobuf over ZeroMQ on its own
/// port, so that clients of the dwork task hub work with Cyclone unchanged (docs/dwork.md).
/// </summary>
public sealed class DworkOptions
{
    /// <summary>Longest <see cref="Lease"/>: a day.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromDays(1);

    /// <summary>TCP port of the dwork endpoint (a ZeroMQ ROUTER socket), on <c>Hub:BindAddress</c>; 0 picks a free port. Default: none, the protocol is off.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// How long a Steal holds its tasks: a worker (location) that sends nothing for this long loses them and they go
    /// back to the queue. Every message of a location renews its leases. Default: 5 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The user that owns the jobs dwork clients create (and whose tasks dwork workers steal). Default: <c>dwork</c>.</summary>
    public string User { get; set; } = "dwork";

    /// <summary>
    /// Whether a task's name is also its command (run as <c>sh -c NAME</c>), so that Cyclone agents run dwork tasks too.
    /// Default: false, only dwork workers take them.
    /// </summary>
    public bool RunNames { get; set; }

    /// <summary>Checks each setting; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"Hub:Dwork:Port must be between 0 and 65535 (is {Port})";
        }

        if (Lease <= TimeSpan.Zero || Lease > MaxLease)
        {
            yield return $"Hub:Dwork:Lease must be positive and at most {MaxLease} (is {Lease})";
        }

        if (!PullWorkers.IsValidWorker(User))
        {
            yield return $"Hub:Dwork:User '{Core.Parsing.Excerpt.Of(User ?? "")}' is not a user name: use 1 to 100 letters, digits, '_', '.', '-' or '@'";
        }
    }
}
