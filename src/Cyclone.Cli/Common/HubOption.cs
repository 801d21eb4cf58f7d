using System.CommandLine;

namespace Cyclone.Cli.Common;

/// <summary>
/// The <c>--hub URL</c> option of the client commands: env <c>CYCLONE_HUB</c>, else <c>http://127.0.0.1:5080</c>. A comma-separated
/// list names an active hub and its standbys (<c>--hub http://a:5080,http://b:5080</c>): commands then use whichever is active.
/// </summary>
public static class HubOption
{
    /// <summary>The hub used when neither <c>--hub</c> nor <c>CYCLONE_HUB</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>A new <c>--hub</c> option (each command gets its own).</summary>
    public static Option<string> Create(string description = "The hub's REST address, or a comma-separated list of hubs (env CYCLONE_HUB sets the default)") =>
        new("--hub")
        {
            Description = description,
            HelpName = "URL",
            DefaultValueFactory = _ => Default(),
        };

    /// <summary>The default hub URL: env <c>CYCLONE_HUB</c> when set, else <see cref="DefaultUrl"/>.</summary>
    public static string Default() =>
        Environment.GetEnvironmentVariable("CYCLONE_HUB") is { Length: > 0 } env ? env : DefaultUrl;

    /// <summary>Reads <paramref name="text"/> as a hub URL; <c>host:port</c> means <c>http://host:port</c>.</summary>
    public static bool TryParse(string? text, out Uri uri, out string error)
    {
        text = text?.Trim() ?? "";
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (text.Length > 0
            && Uri.TryCreate(candidate, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && parsed.Host.Length > 0)
        {
            uri = parsed;
            error = "";
            return true;
        }

        uri = new Uri(DefaultUrl);
        error = $"'{text}' is not a hub URL; expected something like http://127.0.0.1:5080";
        return false;
    }

    /// <summary>Reads <paramref name="text"/> as one hub URL or a comma-separated list of them, in order.</summary>
    public static bool TryParseList(string? text, out IReadOnlyList<Uri> hubs, out string error)
    {
        var list = new List<Uri>();
        hubs = list;
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return TryParse(text, out _, out error);
        }

        foreach (var part in parts)
        {
            if (!TryParse(part, out var uri, out error))
            {
                return false;
            }

            list.Add(uri);
        }

        error = "";
        return true;
    }
}
