using System.Text.RegularExpressions;
using Cyclone.Core.Parsing;
using Cyclone.Hub.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Hub;

public static partial class HubApplication
{
    /// <summary>
    /// Binds and checks section <c>Hub</c> (with Kestrel's default certificate when <c>Hub:Tls</c> names none);
    /// null with the problems when it is invalid. A value that does not convert is a problem, not an exception.
    /// </summary>
    internal static HubOptions? ReadOptions(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        HubOptions options;
        try
        {
            options = configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        }
        catch (InvalidOperationException ex)
        {
            problems = [BindingProblem(ex)];
            return null;
        }

        options.Tls = options.Tls.OrKestrelDefault(configuration);
        problems = options.Problems().ToList();
        return problems.Count == 0 ? options : null;
    }

    /// <summary>The binder's message, with the value that did not convert cut short (it is quoted whole, at any length).</summary>
    private static string BindingProblem(InvalidOperationException ex) =>
        ConversionFailure().Match(ex.Message) is { Success: true } m
            ? $"{m.Groups["path"].Value}: '{Excerpt.Of(m.Groups["value"].Value)}' is not a valid {m.Groups["type"].Value}"
            : Excerpt.Of(ex.Message, 500);

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
