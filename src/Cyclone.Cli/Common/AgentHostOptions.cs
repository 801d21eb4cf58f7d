using System.CommandLine;
using System.Globalization;

namespace Cyclone.Cli.Common;

/// <summary>The options that configure an in-process agent (<c>cyclone agent</c>, <c>cyclone up</c>) and their config keys.</summary>
public sealed class AgentHostOptions
{
    public Option<int?> Slots { get; } = new("--slots") { Description = "Slots (concurrent task processes) to offer [default: number of processors]", HelpName = "N" };

    public Option<int?> Prefetch { get; } = new("--prefetch") { Description = "Short tasks to take per slot beyond the free slots, started as slots free up; 0 for none [default: 128]", HelpName = "N" };

    public Option<string?> Plugins { get; } = new("--plugins") { Description = "Directory of .NET assemblies with typed task classes to load", HelpName = "DIR" };

    public Option<string?> Labels { get; } = new("--labels") { Description = "Comma-separated labels that jobs may require (--label)", HelpName = "a,b" };

    public Option<string?> Name { get; } = new("--name") { Description = "The agent's name at the hub [default: the host name]", HelpName = "NAME" };

    public Option<string?> TokenFile { get; } = new("--token-file") { Description = "File holding the agent token [default: env CYCLONE_TOKEN]", HelpName = "FILE" };

    public Option<string?> Ca { get; } = new("--ca") { Description = "PEM file of a private CA that signed the hub's certificate [default: env CYCLONE_CA]", HelpName = "FILE" };

    /// <summary>Adds the options to <paramref name="command"/>; <c>--token-file</c> and <c>--ca</c> only when <paramref name="withCredentials"/>.</summary>
    public void AddTo(Command command, bool withCredentials = true)
    {
        if (withCredentials)
        {
            command.Add(TokenFile);
            command.Add(Ca);
        }

        command.Add(Slots);
        command.Add(Prefetch);
        command.Add(Labels);
        command.Add(Plugins);
        command.Add(Name);
    }

    /// <summary>Configuration overrides for an agent of the hub at <paramref name="hubUrl"/>.</summary>
    public Dictionary<string, string?> Overrides(ParseResult result, string hubUrl, int? defaultSlots)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Agent:HubUrl"] = hubUrl };
        if ((result.GetValue(Slots) ?? defaultSlots) is { } slots)
        {
            overrides["Agent:Slots"] = slots.ToString(CultureInfo.InvariantCulture);
        }

        if (result.GetValue(Prefetch) is { } prefetch)
        {
            overrides["Agent:Prefetch"] = prefetch.ToString(CultureInfo.InvariantCulture);
        }

        if (result.GetValue(Plugins) is { Length: > 0 } plugins)
        {
            overrides["Agent:PluginDirectory"] = Path.GetFullPath(plugins);
        }

        if (result.GetValue(Labels) is { Length: > 0 } labels)
        {
            overrides["Agent:Labels"] = labels;
        }

        if (result.GetValue(TokenFile) is { Length: > 0 } tokenFile)
        {
            overrides["Agent:TokenFile"] = Path.GetFullPath(tokenFile);
        }

        if (result.GetValue(Ca) is { Length: > 0 } ca)
        {
            overrides["Agent:CaFile"] = Path.GetFullPath(ca);
        }

        if (result.GetValue(Name) is { Length: > 0 } name)
        {
            overrides["Agent:Name"] = name;
        }

        return overrides;
    }
}
