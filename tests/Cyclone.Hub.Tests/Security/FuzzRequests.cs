using System.Globalization;
using System.Text;
using static Cyclone.Hub.Tests.Security.FuzzInputs;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// Request targets for an endpoint: path parameters that name nothing that exists (ids far past anything created,
/// fresh or malformed names), and query strings with every required parameter and, often, odd ones.
/// </summary>
internal static class FuzzRequests
{
    private static readonly string[] OddQueries =
    [
        "=&&=&", "%zz=%", "a=%00", "limit=1&limit=2&limit=x", "%E2%28%A1=%ED%A0%80", "x=" + new string('q', 10_000), "[]=1&{}=2",
        "state=RUNNING,,,%2C", "since=9999-99-99", "before=-9223372036854775809", "all=yes", "denied=2", "task=1e400", "after=-1",
    ];

    /// <summary>A target for <paramref name="endpoint"/>; a <paramref name="plain"/> one has nothing odd (fresh names, no extra query), so only the body can be at fault.</summary>
    public static string Target(FuzzEndpoint endpoint, Random rng, bool plain = false)
    {
        var path = new StringBuilder(endpoint.Template.TrimStart('/'));
        foreach (var p in endpoint.Parameters.Where(p => p.Location == "path"))
        {
            path.Replace("{" + p.Name + "}", p.Type == "integer" ? MissingId(rng) : Uri.EscapeDataString(plain ? FreshName(rng) : MissingName(rng)));
        }

        var query = new List<string>();
        foreach (var p in endpoint.Parameters.Where(p => p.Location == "query" && (p.Required || (!plain && rng.Next(3) == 0))))
        {
            query.Add($"{p.Name}={Uri.EscapeDataString(plain ? (p.Type == "integer" ? MissingId(rng) : FreshName(rng)) : Value(p, rng))}");
        }

        if (!plain && rng.Next(4) == 0)
        {
            query.Add(OddQueries[rng.Next(OddQueries.Length)]);
        }

        return query.Count == 0 ? path.ToString() : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>An id of nothing: far past anything the test creates, zero, negative, or the largest long.</summary>
    private static string MissingId(Random rng) => rng.Next(4) switch
    {
        0 => "0",
        1 => "-1",
        2 => long.MaxValue.ToString(CultureInfo.InvariantCulture),
        _ => (900_000_000L + rng.Next(1_000_000)).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A name of nothing: fresh, too long, or hostile (never one the test created, never a path segment of dots).</summary>
    private static string MissingName(Random rng) => rng.Next(4) switch
    {
        0 => new string('n', 300),
        1 => HostileString(rng, mayBeLong: false),
        _ => FreshName(rng),
    };

    private static string FreshName(Random rng) => $"fz-{rng.Next():x8}";

    private static string Value(FuzzParameter p, Random rng)
    {
        if (p.Required && p.Type == "string")
        {
            return MissingName(rng); // a required name: one that does not exist, so the call cannot do anything
        }

        return p.Type switch
        {
            "integer" => rng.Next(3) == 0 ? MissingId(rng) : BadIntegers[rng.Next(BadIntegers.Length)],
            "boolean" => new[] { "yes", "2", "", "TRUE ", "null" }[rng.Next(5)],
            _ => HostileString(rng, mayBeLong: false),
        };
    }
}
