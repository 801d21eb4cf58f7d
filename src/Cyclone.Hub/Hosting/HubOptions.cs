using Cyclone.Storage;
using System.ComponentModel.DataAnnotations;
using Cyclone.Core.Parsing;

namespace Cyclone.Hub.Hosting;

/// <summary>The hub's settings (configuration section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Port of the REST API, the OpenAPI document and <c>/healthz</c>. 0 picks a free port. Default: 5080.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5080;

    /// <summary>Port of the agents' gRPC stream (HTTP/2; over TLS when <see cref="Tls"/> names a certificate). 0 picks a free port. Default: 5081.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5081;

    /// <summary>Address both ports bind to. Default: 127.0.0.1 (use 0.0.0.0 to accept agents from other hosts).</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The store: <c>sqlite:PATH</c> or a plain PATH (SQLite in that data directory), <c>postgres://user:password@host:port/database</c>
    /// or an Npgsql connection string (PostgreSQL). Default: none, SQLite in <c>Store:DataDirectory</c>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>How long an agent may stay silent before its attempts are redispatched; at most <see cref="MaxTimeout"/>. Default: 15 s.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often agents send heartbeats. Must be well under <see cref="LeaseTimeout"/>. Default: 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most attempts a task gets (retries and redispatches together). Default: 10.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How far past its time limit a task may run before the hub ends it itself; 0 to <see cref="MaxTimeout"/>. Default: 60 s.</summary>
    public TimeSpan TimeLimitBackstop { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tasks whose kind recently took less than this on average may be queued on agents that offer a prefetch
    /// (<c>cyclone agent --prefetch</c>) once every free slot is taken; 0 to 10 s. Default: 100 ms.
    /// </summary>
    public TimeSpan ShortTask { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the scheduler checks leases and time limits; at most <see cref="LeaseTimeout"/>. Default: 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest accepted request body in bytes. Default: 4 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 4 << 20;

    /// <summary>The certificate both ports serve TLS with. Default: none (cleartext).</summary>
    public HubTlsOptions Tls { get; set; } = new();

    /// <summary>The dwork wire protocol (section <c>Hub:Dwork</c>). Default: off.</summary>
    public Dwork.DworkOptions Dwork { get; set; } = new();

    /// <summary>How hubs on a shared PostgreSQL store elect the active one (section <c>Hub:HighAvailability</c>).</summary>
    public HighAvailability.HighAvailabilityOptions HighAvailability { get; set; } = new();

    /// <summary>Result sinks by name (section <c>Hub:Sinks:NAME</c>; docs/sinks.md). Default: none.</summary>
    public Dictionary<string, Sinks.SinkOptions> Sinks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Task generators by name (section <c>Hub:Generators:NAME</c>; docs/generators.md). Default: none.</summary>
    public Dictionary<string, Generators.GeneratorOptions> Generators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Longest <see cref="LeaseTimeout"/> and <see cref="TimeLimitBackstop"/>: a day.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>Checks each setting and the relations between them; returns what is wrong, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        var ranges = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), ranges, validateAllProperties: true);
        foreach (var range in ranges)
        {
            yield return $"Hub:{string.Join(", Hub:", range.MemberNames)}: {range.ErrorMessage}";
        }

        if (LeaseTimeout <= TimeSpan.Zero || LeaseTimeout > MaxTimeout)
        {
            yield return $"Hub:LeaseTimeout must be positive and at most {MaxTimeout} (is {LeaseTimeout})";
        }

        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval > LeaseTimeout / 2)
        {
            yield return $"Hub:HeartbeatInterval ({HeartbeatInterval}) must be positive and at most half of Hub:LeaseTimeout ({LeaseTimeout})";
        }

        if (TickInterval <= TimeSpan.Zero || TickInterval > LeaseTimeout)
        {
            yield return $"Hub:TickInterval ({TickInterval}) must be positive and at most Hub:LeaseTimeout ({LeaseTimeout})";
        }

        if (ShortTask < TimeSpan.Zero || ShortTask > TimeSpan.FromSeconds(10))
        {
            yield return $"Hub:ShortTask must be between 0 and 10 seconds (is {ShortTask})";
        }

        if (TimeLimitBackstop < TimeSpan.Zero || TimeLimitBackstop > MaxTimeout)
        {
            yield return $"Hub:TimeLimitBackstop must be between 0 and {MaxTimeout} (is {TimeLimitBackstop})";
        }

        if (!System.Net.IPAddress.TryParse(BindAddress, out _) && BindAddress != "localhost")
        {
            yield return $"Hub:BindAddress '{Excerpt.Of(BindAddress)}' is not an IP address";
        }

        if (Port != 0 && Port == GrpcPort)
        {
            yield return $"Hub:Port and Hub:GrpcPort must differ (both {Port})";
        }

        if (Dwork.Port is { } dwork && dwork != 0 && (dwork == Port || dwork == GrpcPort))
        {
            yield return $"Hub:Dwork:Port must differ from Hub:Port and Hub:GrpcPort (is {dwork})";
        }

        foreach (var problem in Dwork.Problems())
        {
            yield return problem;
        }

        foreach (var problem in HighAvailability.Problems())
        {
            yield return problem;
        }

        if (StoreProblem() is { } store)
        {
            yield return store;
        }

        foreach (var problem in Tls.Problems())
        {
            yield return problem;
        }

        foreach (var problem in Generators.SelectMany(g => g.Value.Problems(g.Key)))
        {
            yield return problem;
        }

        foreach (var problem in Sinks.SelectMany(s => s.Value.Problems(s.Key)))
        {
            yield return problem;
        }
    }

    private string? StoreProblem()
    {
        try
        {
            _ = Store is null ? null : StoreAddress.Parse(Store);
            return null;
        }
        catch (FormatException ex)
        {
            return $"Hub:Store (--store) {ex.Message}";
        }
    }
}
