using System.Globalization;
using Cyclone.Core.Parsing;

namespace Cyclone.Cli.Configuration;

/// <summary>
/// Maps the INI files of the original tool onto Cyclone's options: <c>master.conf</c> for <c>cyclone hub -f</c> and
/// <c>controller.conf</c> for <c>cyclone agent -f</c> (docs/configuration.md has the table). An unknown section or key,
/// or a value that does not fit, is an error naming <c>file:line</c>. Relative paths are taken from the file's directory.
/// Durations are seconds (<c>30</c>, <c>0.5</c>) or Cyclone durations (<c>30s</c>, <c>5m</c>).
/// </summary>
public static class IniMapping
{
    /// <summary>The settings of a hub's file.</summary>
    public static IniSettings ForHub(IniFile file) => Map(file, hub: true);

    /// <summary>The settings of an agent's file.</summary>
    public static IniSettings ForAgent(IniFile file) => Map(file, hub: false);

    private static IniSettings Map(IniFile file, bool hub)
    {
        var settings = new IniSettings();
        var directory = Path.GetDirectoryName(Path.GetFullPath(file.Path))!;
        var values = file.Values.ToDictionary(v => $"{v.Section}.{v.Key}", StringComparer.Ordinal);
        foreach (var v in file.Values)
        {
            var problem = Apply(settings, v, hub, directory, values);
            if (problem is not null)
            {
                throw new FormatException($"{v.Where}: [{v.Section}] {v.Key}: {problem}");
            }
        }

        if (!hub && (values.ContainsKey("comm.target") || values.ContainsKey("comm.port")))
        {
            var host = values.TryGetValue("comm.target", out var target) ? target.Value : "127.0.0.1";
            var port = values.TryGetValue("comm.port", out var p) ? p.Value : "5080";
            settings.Overrides["Agent:HubUrl"] = host.Contains("://", StringComparison.Ordinal) ? host : $"http://{host}:{port}";
        }

        return settings;
    }

    private static string? Apply(IniSettings s, IniValue v, bool hub, string directory, Dictionary<string, IniValue> all)
    {
        var o = s.Overrides;
        switch ($"{v.Section}.{v.Key}")
        {
            case "control.pid_file":
                s.PidFile = Path.GetFullPath(v.Value, directory);
                return null;
            case "log.filename":
                s.LogFile = Path.GetFullPath(v.Value, directory);
                return null;
            case "control.controller_timeout" when hub:
                return Duration(v.Value, d => o["Hub:LeaseTimeout"] = d);
            case "control.task_resend_timeout" when hub:
                return all.ContainsKey("control.controller_timeout") ? Duration(v.Value, _ => { }) : Duration(v.Value, d => o["Hub:LeaseTimeout"] = d);
            case "control.controller_wait_duration" when hub:
                return Duration(v.Value, d => o["Hub:HeartbeatInterval"] = d);
            case "comm.target" when hub:
                o["Hub:BindAddress"] = v.Value is "*" or "" ? "0.0.0.0" : v.Value;
                return null;
            case "comm.port" when hub:
                return Port(v.Value, p => { o["Hub:Port"] = p.ToString(CultureInfo.InvariantCulture); o["Hub:GrpcPort"] = (p + 1).ToString(CultureInfo.InvariantCulture); });
            case "comm.poll_timeout" when hub:
                return Duration(v.Value, d => o["Hub:TickInterval"] = d);
            case "task_generator.module" or "task_generator.class" or "task_generator.config_file" when hub:
                return Generator(o, v, directory);
            case "processing.worker_count" when hub:
                s.Notices.Add($"{v.Where}: [processing] worker_count has no effect on the hub: slots are set on each agent (cyclone agent --slots)");
                return Number(v.Value, 1, 100_000, _ => { });
            case "comm.target" or "comm.port" when !hub:
                return v.Key == "port" ? Port(v.Value, _ => { }) : null; // both make Agent:HubUrl
            case "comm.poll_timeout" when !hub:
                s.Notices.Add($"{v.Where}: [comm] poll_timeout has no effect on an agent: it holds one stream to the hub and hears at once");
                return Duration(v.Value, _ => { });
            case "comm.request_retry_wait_duration" when !hub:
                return Duration(v.Value, d => o["Agent:ReconnectMaxDelay"] = d);
            case "comm.max_num_request_retries" when !hub:
                s.Notices.Add($"{v.Where}: [comm] max_num_request_retries has no effect: a Cyclone agent keeps trying to reach its hub, and its running tasks go on meanwhile");
                return Number(v.Value, 0, 1_000_000, _ => { });
            case "processing.worker_count" when !hub:
                return Number(v.Value, 1, 100_000, n => o["Agent:Slots"] = n.ToString(CultureInfo.InvariantCulture));
            case "control.controller_timeout" or "control.task_resend_timeout" or "control.controller_wait_duration" when !hub:
                s.Notices.Add($"{v.Where}: [control] {v.Key} is a setting of the hub (master.conf): an agent takes the hub's timeouts when it connects");
                return Duration(v.Value, _ => { });
            default:
                return Known(v.Section, v.Key)
                    ? $"is a setting of the {(hub ? "agent (controller.conf)" : "hub (master.conf)")}, not of this file"
                    : $"unknown {(Sections.ContainsKey(v.Section) ? "key" : "section")}; known: {string.Join(", ", Sections.Select(p => $"[{p.Key}] {string.Join(' ', p.Value)}"))}";
        }
    }

    private static readonly Dictionary<string, string[]> Sections = new(StringComparer.Ordinal)
    {
        ["control"] = ["pid_file", "controller_timeout", "controller_wait_duration", "task_resend_timeout"],
        ["comm"] = ["target", "port", "poll_timeout", "request_retry_wait_duration", "max_num_request_retries"],
        ["log"] = ["filename"],
        ["task_generator"] = ["module", "class", "config_file"],
        ["processing"] = ["worker_count"],
    };

    private static bool Known(string section, string key) => Sections.TryGetValue(section, out var keys) && keys.Contains(key);

    private static string? Generator(Dictionary<string, string?> o, IniValue v, string directory)
    {
        const string At = "Hub:Generators:task_generator:";
        switch (v.Key)
        {
            case "class":
                o[At + "Class"] = v.Value;
                return null;
            case "config_file":
                o[At + "ConfigFile"] = Path.GetFullPath(v.Value, directory);
                return null;
            default:
                // a built-in needs no module ("cyclone" or empty); anything else is a plugin assembly, NAME or NAME.dll
                if (v.Value is not ("" or "cyclone"))
                {
                    var file = v.Value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? v.Value : v.Value + ".dll";
                    o[At + "Assembly"] = Path.GetFullPath(file, directory);
                }

                return null;
        }
    }

    private static string? Duration(string text, Action<string> set)
    {
        TimeSpan value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds is >= 0 and <= 864_000)
        {
            value = TimeSpan.FromSeconds(seconds);
        }
        else if (!DurationParser.TryParse(text, out value))
        {
            return $"'{Excerpt.Of(text)}' is not a duration: seconds (30, 0.5) or a duration such as 30s, 5m, 1h";
        }

        set(value.ToString("c", CultureInfo.InvariantCulture));
        return null;
    }

    private static string? Port(string text, Action<int> set) =>
        Number(text, 1, 65534, set) is { } problem ? problem.Replace("a whole number", "a port", StringComparison.Ordinal) : null;

    private static string? Number(string text, int min, int max, Action<int> set)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            return $"'{Excerpt.Of(text)}' is not a whole number from {min} to {max}";
        }

        set(n);
        return null;
    }
}
