using System.Text.Json.Nodes;
using Cyclone.Hub.Generators;
using Cyclone.Tasks.Generators;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Hub.Tests.Generators;

public sealed class BuiltinGeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cyclone-generator-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<List<GeneratedTask>> TakeAsync(ITaskGenerator generator, GeneratorContext context, int count = int.MaxValue)
    {
        var tasks = new List<GeneratedTask>();
        await foreach (var task in generator.GenerateAsync(context, CancellationToken.None))
        {
            tasks.Add(task);
            if (tasks.Count == count)
            {
                break;
            }
        }

        return tasks;
    }

    private static GeneratorContext Context(string config, string? cursor, TimeProvider? time = null) =>
        new("g", config, cursor, time ?? TimeProvider.System, TextWriter.Null);

    [Fact]
    public async Task The_file_generator_makes_a_task_per_line_and_resumes_after_its_cursor()
    {
        Write("tasks.txt", "# comment\necho a\n\n{\"task\": \"noop\", \"name\": \"typed\"}\necho b\n");
        var config = Write("file.json", """{ "file": "tasks.txt" }""");

        var all = await TakeAsync(new FileTaskGenerator(), Context(config, null));
        Assert.Equal(["2", "4", "5"], all.Select(t => t.Cursor));
        Assert.Equal("""{"command":["sh","-c","echo a"],"name":"tasks.txt:2"}""", all[0].Job.ToJsonString());
        Assert.Equal("""{"task":"noop","name":"typed"}""", all[1].Job.ToJsonString());

        var rest = await TakeAsync(new FileTaskGenerator(), Context(config, "4"));
        Assert.Equal(["5"], rest.Select(t => t.Cursor));
    }

    [Fact]
    public async Task The_range_generator_fills_its_template_per_index_keeping_numbers_numbers()
    {
        var config = Write("range.json", """{ "range": "0-2,10", "template": { "task": "sleep", "name": "n{i}", "parameters": { "seconds": "{i}" } } }""");

        var tasks = await TakeAsync(new RangeTaskGenerator(), Context(config, "1"));

        Assert.Equal(["2", "10"], tasks.Select(t => t.Cursor));
        Assert.Equal("""{"task":"sleep","name":"n10","parameters":{"seconds":10}}""", tasks[1].Job.ToJsonString());
    }

    [Fact]
    public async Task The_schedule_generator_fires_on_its_interval_and_goes_on_from_its_cursor()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var config = Write("schedule.json", """{ "every": "10s", "count": 3, "template": { "command": ["echo", "{n}", "{time}"] } }""");
        var generator = new ScheduleTaskGenerator();

        var first = TakeAsync(generator, Context(config, null, time), 2);
        for (var i = 0; i < 200 && !first.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var tasks = await first;
        Assert.Equal("""{"command":["echo",1,"2026-01-01T00:00:10Z"]}""", tasks[0].Job.ToJsonString());
        Assert.Equal("""{"command":["echo",2,"2026-01-01T00:00:20Z"]}""", tasks[1].Job.ToJsonString());

        // resumed from the second firing: only the third is left
        var rest = TakeAsync(generator, Context(config, tasks[1].Cursor, time));
        for (var i = 0; i < 200 && !rest.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal("3", (await rest).Single().Cursor.Split(' ')[0]);
    }

    [Fact]
    public void A_wrong_configuration_is_named_with_its_file()
    {
        var range = Write("bad-range.json", """{ "range": "3-1", "template": {} }""");
        var schedule = Write("bad-schedule.json", """{ "every": "5s", "cron": "* * * * *", "template": {} }""");
        var file = Write("bad-file.json", """{ "file": "missing.txt" }""");

        Assert.StartsWith($"{range}: 'range':", BuiltinGenerators.CheckConfig("range", range), StringComparison.Ordinal);
        Assert.Equal($"{schedule}: give one of 'every' (such as \"30s\") or 'cron' (such as \"*/5 * * * *\")", BuiltinGenerators.CheckConfig("schedule", schedule));
        Assert.Contains("missing.txt does not exist", BuiltinGenerators.CheckConfig("file", file), StringComparison.Ordinal);
        Assert.Contains("Hub:Generators:g:Class 'nope' is not a built-in generator", new GeneratorOptions { Class = "nope", ConfigFile = file }.Problems("g").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_string_that_is_one_placeholder_takes_the_value_itself()
    {
        var template = new TaskTemplate(JsonNode.Parse("""{ "a": "{x}", "b": "x={x}", "c": ["{s}"], "d": 5 }""")!.AsObject());

        var filled = template.Fill(new Dictionary<string, JsonNode?> { ["x"] = 7, ["s"] = "text" });

        Assert.Equal("""{"a":7,"b":"x=7","c":["text"],"d":5}""", filled.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
