using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Cyclone.Hub.Timers;
using Cyclone.Tasks.Generators;

namespace Cyclone.Hub.Generators;

/// <summary>
/// <c>schedule</c>: a task from <c>template</c> at each firing of <c>every</c> (a duration: <c>30s</c>, <c>5m</c>) or
/// <c>cron</c> (five fields, UTC), with <c>{n}</c> (the firing's number, from 1) and <c>{time}</c> (its UTC time,
/// ISO 8601) filled in; at most <c>count</c> firings when given. The cursor is the last firing's number and time:
/// after a restart the schedule goes on from there, and firings that fell while the hub was down are not made up.
/// </summary>
public sealed class ScheduleTaskGenerator : ITaskGenerator
{
    public async IAsyncEnumerable<GeneratedTask> GenerateAsync(GeneratorContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (schedule, template, count) = Read(context.ConfigFile!);
        var n = 0L;
        var start = context.Time.GetUtcNow();
        if (context.Cursor?.Split(' ', 2) is [var number, var at])
        {
            n = long.Parse(number, CultureInfo.InvariantCulture);
            start = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        }

        var last = start;
        while (count is null || n < count)
        {
            var now = context.Time.GetUtcNow();
            var next = schedule.Next(start, last > now ? last : now) ?? throw new InvalidOperationException("a schedule ended");
            await Task.Delay(next - now, context.Time, cancellationToken);
            n++;
            last = next;
            var time = next.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            yield return new GeneratedTask(
                template.Fill(new Dictionary<string, JsonNode?> { ["n"] = n, ["time"] = time }),
                $"{n.ToString(CultureInfo.InvariantCulture)} {next.ToString("O", CultureInfo.InvariantCulture)}");
        }
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

    private static (TimerSchedule Schedule, TaskTemplate Template, long? Count) Read(string configFile)
    {
        var config = GeneratorConfig.Read(configFile);
        try
        {
            var every = GeneratorConfig.String(config, "every");
            var cron = GeneratorConfig.String(config, "cron");
            if ((every is null) == (cron is null))
            {
                throw new FormatException("give one of 'every' (such as \"30s\") or 'cron' (such as \"*/5 * * * *\")");
            }

            if (!TimerSchedule.TryParse(every is null ? "cron" : "every", every ?? cron!, out var schedule, out var error))
            {
                throw new FormatException($"'{(every is null ? "cron" : "every")}': {error}");
            }

            long? count = config["count"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<long>(out var c) && c > 0 => c,
                _ => throw new FormatException("'count' must be a positive integer"),
            };
            return (schedule!, TaskTemplate.From(config), count);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{configFile}: {ex.Message}", ex);
        }
    }
}
