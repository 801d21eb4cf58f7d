using System.CommandLine;
using Cyclone.Core.Parsing;
using Cyclone.Hub.Hosting;
using Cyclone.Storage;

namespace Cyclone.Cli.Common;

/// <summary>The options that configure an in-process hub (<c>cyclone hub</c>, <c>cyclone up</c>) and their config keys.</summary>
public sealed class HubHostOptions
{
    public Option<int?> Port { get; } = new("--port") { Description = "Port of the REST API and dashboard [default: 5080]", HelpName = "PORT" };

    public Option<int?> GrpcPort { get; } = new("--grpc-port") { Description = "Port agents connect to (gRPC) [default: 5081]", HelpName = "PORT" };

    public Option<string?> Data { get; } = new("--data") { Description = "Directory of the hub's database [default: $XDG_DATA_HOME/cyclone or ~/.local/share/cyclone]", HelpName = "DIR" };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "The store: sqlite:PATH (or a PATH), postgres://user:password@host:port/database or an Npgsql connection string [default: SQLite in the data directory]",
        HelpName = "STORE",
    };

    public Option<string?> Bind { get; } = new("--bind") { Description = "Address to listen on (0.0.0.0 for all) [default: 127.0.0.1]", HelpName = "ADDR" };

    public Option<string?> TlsCertificate { get; } = new("--tls-cert") { Description = "Serve TLS with this certificate: PEM (chain) or PKCS#12 (.pfx); a password goes in env CYCLONE_Hub__Tls__Password [default: none, cleartext]", HelpName = "FILE" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "PEM private key of the --tls-cert certificate [default: in the certificate file]", HelpName = "FILE" };

    public Option<int?> DworkPort { get; } = new("--dwork-port") { Description = "Accept dwork clients (protobuf over ZeroMQ) on this port, e.g. 6125 [default: off]", HelpName = "PORT" };

    public Option<string?> DworkLease { get; } = new("--dwork-lease") { Description = "How long a dwork Steal holds its tasks while its worker sends nothing (30s, 5m, 1h) [default: 5m]", HelpName = "DURATION" };

    public Option<string?> DworkUser { get; } = new("--dwork-user") { Description = "The user that owns the jobs dwork clients create [default: dwork]", HelpName = "USER" };

    public Option<string?> AdvertiseUrl { get; } = new("--advertise-url")
    {
        Description = "With a PostgreSQL store: the REST URL other hosts reach this hub at, where standbys send clients while it is active [default: http://BIND:PORT]",
        HelpName = "URL",
    };

    public Option<bool> DworkRunNames { get; } = new("--dwork-run-names") { Description = "A dwork task's name is its command (sh -c NAME): Cyclone agents run dwork tasks too [default: only dwork workers take them]" };

    /// <summary>Adds the options to <paramref name="command"/>; <c>--bind</c> only when <paramref name="withBind"/>.</summary>
    public void AddTo(Command command, bool withBind)
    {
        command.Add(Port);
        command.Add(GrpcPort);
        if (withBind)
        {
            command.Add(Bind);
        }

        command.Add(Data);
        command.Add(Store);
        command.Add(AdvertiseUrl);
        command.Add(TlsCertificate);
        command.Add(TlsKey);
        command.Add(DworkPort);
        command.Add(DworkLease);
        command.Add(DworkUser);
        command.Add(DworkRunNames);
    }

    /// <summary>The configuration overrides for the options given on the command line (others keep their defaults).</summary>
    public Dictionary<string, string?> Overrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (result.GetValue(Port) is { } port)
        {
            overrides["Hub:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.GetValue(GrpcPort) is { } grpc)
        {
            overrides["Hub:GrpcPort"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.GetValue(Bind) is { Length: > 0 } bind)
        {
            overrides["Hub:BindAddress"] = bind;
        }

        if (result.GetValue(Data) is { Length: > 0 } data)
        {
            overrides["Store:DataDirectory"] = Path.GetFullPath(data);
        }

        if (result.GetValue(Store) is { Length: > 0 } store)
        {
            overrides["Hub:Store"] = store;
        }

        if (result.GetValue(AdvertiseUrl) is { Length: > 0 } advertise)
        {
            overrides["Hub:HighAvailability:AdvertiseUrl"] = advertise;
        }

        if (result.GetValue(TlsCertificate) is { Length: > 0 } certificate)
        {
            overrides["Hub:Tls:Certificate"] = Path.GetFullPath(certificate);
        }

        if (result.GetValue(TlsKey) is { Length: > 0 } key)
        {
            overrides["Hub:Tls:Key"] = Path.GetFullPath(key);
        }

        AddDwork(result, overrides);
        return overrides;
    }

    private void AddDwork(ParseResult result, Dictionary<string, string?> overrides)
    {
        if (result.GetValue(DworkPort) is { } port)
        {
            overrides["Hub:Dwork:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.GetValue(DworkLease) is { Length: > 0 } lease)
        {
            // a duration as people write it; anything else goes on as given, and the hub names what is wrong with it
            overrides["Hub:Dwork:Lease"] = DurationParser.TryParse(lease, out var time) ? time.ToString("c", System.Globalization.CultureInfo.InvariantCulture) : lease;
        }

        if (result.GetValue(DworkUser) is { Length: > 0 } user)
        {
            overrides["Hub:Dwork:User"] = user;
        }

        if (result.GetValue(DworkRunNames))
        {
            overrides["Hub:Dwork:RunNames"] = "true";
        }
    }

    /// <summary>The hub's TLS certificate file with these overrides: <c>--tls-cert</c>, else the environment; null when TLS is off.</summary>
    public static string? TlsCertificateOf(IReadOnlyDictionary<string, string?> overrides) =>
        overrides.TryGetValue("Hub:Tls:Certificate", out var given) && given is not null ? given
        : Environment.GetEnvironmentVariable("CYCLONE_Hub__Tls__Certificate") is { Length: > 0 } env ? Path.GetFullPath(env)
        : null;

    /// <summary>Where the hub keeps its data with these overrides: a <c>--store sqlite:PATH</c>, else <c>--data</c>, else the environment, else the default.</summary>
    public static string DataDirectoryOf(IReadOnlyDictionary<string, string?> overrides) =>
        Path.GetFullPath(
            overrides.TryGetValue("Hub:Store", out var store) && store is not null && SqliteDirectoryOf(store) is { } sqlite ? sqlite
            : overrides.TryGetValue("Store:DataDirectory", out var given) && given is not null ? given
            : Environment.GetEnvironmentVariable("CYCLONE_Store__DataDirectory") is { Length: > 0 } env ? env
            : DataDirectory.Default());

    private static string? SqliteDirectoryOf(string store)
    {
        try
        {
            return StoreAddress.Parse(store).SqliteDirectory;
        }
        catch (FormatException)
        {
            return null; // the hub says what is wrong with it
        }
    }
}
