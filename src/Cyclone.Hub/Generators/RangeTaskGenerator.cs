using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Cyclone.Core.Parsing;
using Cyclone.Tasks.Generators;

namespace Cyclone.Hub.Generators;

/// <summary>
/// <c>range</c>: a task per index of <c>range</c> (RangeSet notation: <c>0-15,20,32-47</c>, steps <c>0-15/4</c>), in
/// order, from <c>template</c> with <c>{i}</c> filled in. The cursor is the last index submitted.
/// </summary>
public sealed class RangeTaskGenerator : ITaskGenerator
{
    public async IAsyncEnumerable<GeneratedTask> GenerateAsync(GeneratorContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (range, template) = Read(context.ConfigFile!);
        var after = context.Cursor is null ? -1 : int.Parse(context.Cursor, CultureInfo.InvariantCulture);
        foreach (var i in range.Indices().Where(i => i > after))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new GeneratedTask(template.Fill(new Dictionary<string, JsonNode?> { ["i"] = i }), i.ToString(CultureInfo.InvariantCulture));
        }

        await Task.CompletedTask;
    }

    public static string? Check(string configFile)
    {
        try
        {
            _ = Read(configFile);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static (RangeSet Range, TaskTemplate Template) Read(string configFile)
    {
        var config = GeneratorConfig.Read(configFile);
        try
        {
            var text = GeneratorConfig.String(config, "range") ?? throw new FormatException("'range' is required, such as \"0-15,20\"");
            if (!RangeSetParser.TryParse(text, out var range, out var error))
            {
                throw new FormatException($"'range': {error}");
            }

            return (range, TaskTemplate.From(config));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{configFile}: {ex.Message}", ex);
        }
    }
}
