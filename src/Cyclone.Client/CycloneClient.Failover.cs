using System.Diagnostics;
using System.Net;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>The response header by which a standby hub marks its answers.</summary>
    public const string RoleHeader = "Cyclone-Hub-Role";

    /// <summary>Most redirects one call follows.</summary>
    private const int MaxRedirects = 3;

    /// <summary>The pause after every hub was tried once without an active one answering.</summary>
    private static readonly TimeSpan RoundPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The failover state of one call: how often it was redirected, which hubs it tried, and for how long.</summary>
    private sealed class Failover(CycloneClient client)
    {
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private int _redirects;
        private int _misses;

        /// <summary>True when the call may follow one more redirect.</summary>
        public bool Redirect() => ++_redirects <= MaxRedirects;

        /// <summary>
        /// Moves the client to the hub after <paramref name="failed"/> in its list (pausing after each full round); false when
        /// the call has tried for <see cref="FailoverWait"/> already.
        /// </summary>
        public async Task<bool> NextAsync(Uri failed, CancellationToken ct)
        {
            if (_elapsed.Elapsed >= client.FailoverWait)
            {
                return false;
            }

            var hubs = client.Hubs;
            var index = -1;
            for (var i = 0; i < hubs.Count; i++)
            {
                if (hubs[i] == failed)
                {
                    index = i;
                }
            }

            Volatile.Write(ref client._hub, hubs[(index + 1) % hubs.Count]);
            if (++_misses % hubs.Count == 0)
            {
                await Task.Delay(RoundPause, ct);
            }

            return true;
        }

        /// <summary>The active hub's base address when <paramref name="response"/> redirects the call to it (the same path and query), else null.</summary>
        public static Uri? ActiveHubOf(HttpResponseMessage response, string relative)
        {
            if (response.StatusCode is not (HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
                || response.Headers.Location is not { IsAbsoluteUri: true } location
                || !location.AbsoluteUri.EndsWith(relative, StringComparison.Ordinal))
            {
                return null;
            }

            var active = location.AbsoluteUri[..^relative.Length];
            return active.EndsWith('/') && Uri.TryCreate(active, UriKind.Absolute, out var uri) ? uri : null;
        }

        /// <summary>True for a standby's answer that no hub is active right now.</summary>
        public static bool IsIdleStandby(HttpResponseMessage response) =>
            response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.Contains(RoleHeader);
    }
}
