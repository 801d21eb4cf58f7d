using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Tasks.Generators;

namespace Cyclone.Hub.Generators;

/// <summary>
/// <c>file</c>: a task per line of a text file (<c>file</c>, relative to the configuration file). Blank lines and lines
/// starting with <c>#</c> are skipped. Without <c>template</c> a line is a shell command (<c>sh -c LINE</c>), or, when it
/// starts with <c>{</c>, a whole job in JSON; with one, <c>{line}</c> and <c>{number}</c> (the line number) are filled in.
/// The cursor is the number of the last line submitted. With <c>follow</c> the file is watched for lines appended
/// (every <c>pollSeconds</c>, default 2); without, the generator ends at the end of the file.
/// </summary>
public sealed class FileTaskGenerator : ITaskGenerator
{
    public async IAsyncEnumerable<GeneratedTask> GenerateAsync(GeneratorContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = Settings.Read(context.ConfigFile!);
        var done = context.Cursor is null ? 0 : long.Parse(context.Cursor, CultureInfo.InvariantCulture);
        while (!cancellationToken.IsCancellationRequested)
        {
            var number = 0L;
            using (var reader = new StreamReader(settings.File))
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } raw)
                {
                    number++;
                    var line = raw.Trim();
                    if (number <= done || line.Length == 0 || line[0] == '#')
                    {
                        continue;
                    }

                    done = number;
                    yield return new GeneratedTask(settings.Job(line, number), number.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (!settings.Follow)
            {
                yield break;
            }

            await Task.Delay(settings.Poll, context.Time, cancellationToken);
        }
    }

    /// <summary>The configuration's problem, or null when it is good.</summary>
    public static string? Check(string configFile)
    {
        try
        {
            _ = Settings.Read(configFile);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private sealed record Settings(string File, TaskTemplate? Template, bool Follow, TimeSpan Poll)
    {
        public static Settings Read(string configFile)
        {
            var config = GeneratorConfig.Read(configFile);
            try
            {
                var file = GeneratorConfig.String(config, "file") ?? throw new FormatException("'file' is required: the file of tasks, one per line");
                file = Path.GetFullPath(file, Path.GetDirectoryName(Path.GetFullPath(configFile))!);
                if (!System.IO.File.Exists(file))
                {
                    throw new FormatException($"'file': {file} does not exist");
                }

                var poll = config["pollSeconds"] is JsonValue p && p.TryGetValue<double>(out var seconds) ? seconds : 2;
                if (poll is < 0.1 or > 3600)
                {
                    throw new FormatException("'pollSeconds' must be a number from 0.1 to 3600");
                }

                var template = config["template"] is null ? null : TaskTemplate.From(config);
                return new Settings(file, template, GeneratorConfig.Boolean(config, "follow", false), TimeSpan.FromSeconds(poll));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{configFile}: {ex.Message}", ex);
            }
        }

        public JsonObject Job(string line, long number)
        {
            if (Template is not null)
            {
                return Template.Fill(new Dictionary<string, JsonNode?> { ["line"] = line, ["number"] = number });
            }

            if (line[0] == '{')
            {
                try
                {
                    return JsonNode.Parse(line) as JsonObject ?? throw new FormatException($"{File} line {number}: not a JSON object");
                }
                catch (JsonException ex)
                {
                    // an invalid job is submitted as it is and refused by validation with its line named
                    return new JsonObject { ["invalid"] = $"{File} line {number}: not valid JSON: {ex.Message}" };
                }
            }

            return new JsonObject { ["command"] = new JsonArray("sh", "-c", line), ["name"] = $"{Path.GetFileName(File)}:{number}" };
        }
    }
}
