using System.Text;

namespace Cyclone.Hub.Sinks;

/// <summary>The metrics of one push (one job and instance) in the text exposition format; the last sample of a series wins.</summary>
public sealed class PushgatewayGroup
{
    private readonly Dictionary<string, (string? Help, Dictionary<string, string> Samples)> _byName = new(StringComparer.Ordinal);

    public void Add(PushgatewayMetric metric)
    {
        if (!_byName.TryGetValue(metric.Name, out var family))
        {
            _byName[metric.Name] = family = (metric.Help, new Dictionary<string, string>(StringComparer.Ordinal));
        }
        else if (family.Help is null && metric.Help is not null)
        {
            _byName[metric.Name] = family = (metric.Help, family.Samples);
        }

        family.Samples[metric.Series] = metric.ValueText;
    }

    /// <summary>Every family with its HELP and TYPE (untyped) lines and its samples.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var (name, (help, samples)) in _byName)
        {
            if (help is not null)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }

            text.Append("# TYPE ").Append(name).Append(" untyped\n");
            foreach (var (series, value) in samples)
            {
                text.Append(series).Append(' ').Append(value).Append('\n');
            }
        }

        return text.ToString();
    }
}
