using Cyclone.Core.Parsing;

namespace Cyclone.Hub.HighAvailability;

/// <summary>
/// How hubs that share a PostgreSQL store elect the active one (configuration section <c>Hub:HighAvailability</c>). A hub on
/// SQLite is always the one active hub and ignores these settings.
/// </summary>
public sealed class HighAvailabilityOptions
{
    /// <summary>Shortest <see cref="PollInterval"/>: 50 ms.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest <see cref="PollInterval"/> and <see cref="LockTimeout"/>: a minute.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The REST URL clients and agents reach this hub at, which standbys redirect to while this hub is active
    /// (<c>--advertise-url</c>). Default: the hub's own REST address (<c>http://BIND:PORT</c>; 127.0.0.1 when bound to 0.0.0.0),
    /// which other hosts reach only when the hub binds a routable address.
    /// </summary>
    public string? AdvertiseUrl { get; set; }

    /// <summary>
    /// How often a standby tries to take the leader lock, and how often the active hub confirms that it still holds it;
    /// 50 ms to a minute. Default: 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the active hub's confirmation may take before it gives up being active, and about how long the database takes
    /// to free the lock of a hub whose host vanished (its TCP keepalives); at least <see cref="PollInterval"/>, at most a minute.
    /// Default: 4 s.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Checks each setting; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (PollInterval < MinPollInterval || PollInterval > MaxInterval)
        {
            yield return $"Hub:HighAvailability:PollInterval must be between {MinPollInterval.TotalMilliseconds:0} ms and {MaxInterval} (is {PollInterval})";
        }

        if (LockTimeout < PollInterval || LockTimeout < TimeSpan.FromSeconds(1) || LockTimeout > MaxInterval)
        {
            yield return $"Hub:HighAvailability:LockTimeout must be at least 1 s and Hub:HighAvailability:PollInterval ({PollInterval}), and at most {MaxInterval} (is {LockTimeout})";
        }

        if (AdvertiseUrl is not null && AdvertiseProblem(AdvertiseUrl) is { } problem)
        {
            yield return $"Hub:HighAvailability:AdvertiseUrl (--advertise-url) '{Excerpt.Of(AdvertiseUrl)}' {problem}";
        }
    }

    private static string? AdvertiseProblem(string url) =>
        !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0
            ? "is not an absolute http:// or https:// URL"
            : uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
                ? "must name only the scheme, host, port and path of the hub's REST address (no user, query or fragment)"
                : null;
}
