using Cyclone.Hub.Hosting;
using Cyclone.Protocol.Rest;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.HighAvailability;

/// <summary>The hubs of the cluster as the API shows them: this hub alone on SQLite, else every hub that reported lately.</summary>
public sealed class HubRoster(HubEndpointInfo info, IOptions<HubOptions> options, TimeProvider time)
{
    /// <summary>The election this hub won; null on SQLite.</summary>
    internal HubElection? Election { get; set; }

    /// <summary>The active hub first, then the standbys seen within three poll intervals and the lock timeout.</summary>
    public async Task<IReadOnlyList<HubDto>> ListAsync(CancellationToken ct)
    {
        var ha = options.Value.HighAvailability;
        if (Election is not { } election)
        {
            var url = ha.AdvertiseUrl ?? info.RestAddress?.ToString().TrimEnd('/') ?? "";
            return [new HubDto(url, "active", HubEndpointInfo.Version, info.StartedAt, time.GetUtcNow())];
        }

        var hubs = await election.Lock.ListHubsAsync(3 * ha.PollInterval + ha.LockTimeout, ct);
        return hubs.Select(h => new HubDto(h.Url, h.Active ? "active" : "standby", h.Version, h.StartedAt, h.LastSeen)).ToList();
    }
}
