using System.Net.Http.Json;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

/// <summary>The sample task plugin (samples/TaskPlugin) in a real agent's plugin directory, run end to end through a real hub.</summary>
public sealed class SamplePluginTests(ITestOutputHelper output)
{
    private const string Kind = "sample.directory-census";

    /// <summary>The sample plugin as its build left it, for the same configuration as these tests.</summary>
    private static string PluginDll
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(CliPaths.Repository, "samples", "TaskPlugin", "bin", bin.Parent!.Name, bin.Name, "Cyclone.Samples.TaskPlugin.dll");
        }
    }

    [Fact]
    public async Task The_sample_plugin_loads_from_an_agents_plugin_directory_and_runs_with_its_parameters()
    {
        await using var cluster = new TestCluster(output);
        var (plugins, counted) = Prepare(cluster);
        await cluster.StartHubAsync();
        await RegisterAsync(cluster);
        await StartAgentAsync(cluster, plugins);

        var run = await cluster.CliAsync("run", "--task", Kind, "--param", $"directory={counted}", "--wait", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"files\": 3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"bytes\": 700", run.Stdout, StringComparison.Ordinal);

        var bad = await cluster.CliAsync("run", "--task", Kind, "--param", $"dir={counted}", "--wait");
        Assert.NotEqual(0, bad.ExitCode);
        var job = await cluster.JobAsync(long.Parse(bad.Stdout.Trim().Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("FAILED", job.State);
        var log = await cluster.CliAsync("logs", $"{job.Id}");
        Assert.Contains("'dir' is not a parameter of this task", log.Stdout, StringComparison.Ordinal);
    }

    [ServiceFact("mariadb")]
    public async Task The_sample_plugins_rows_reach_a_mariadb_table_through_the_hubs_sink()
    {
        await using var mariadb = await MariaDbServer.StartAsync(CancellationToken.None);
        var database = await mariadb.CreateDatabaseAsync(CancellationToken.None);
        await MariaDbServer.ExecuteAsync(database, """
            CREATE TABLE census (directory VARCHAR(255), extension VARCHAR(32), files BIGINT, bytes BIGINT,
                cyclone_task BIGINT NOT NULL, cyclone_attempt INT NOT NULL, cyclone_row INT NOT NULL,
                UNIQUE KEY cyclone_key (cyclone_task, cyclone_attempt, cyclone_row));
            """, CancellationToken.None);
        await using var cluster = new TestCluster(output);
        cluster.HubEnvironment["CYCLONE_Hub__Sinks__census__Kind"] = "MySql";
        cluster.HubEnvironment["CYCLONE_Hub__Sinks__census__ConnectionString"] = database;
        cluster.HubEnvironment["CYCLONE_Hub__Sinks__census__Table"] = "census";
        cluster.HubEnvironment["CYCLONE_Hub__Sinks__census__FlushInterval"] = "00:00:00.200";
        var (plugins, counted) = Prepare(cluster);
        await cluster.StartHubAsync();
        await RegisterAsync(cluster);
        await StartAgentAsync(cluster, plugins);

        for (var i = 0; i < 3; i++)
        {
            var run = await cluster.CliAsync("run", "--task", Kind, "--param", $"directory={counted}", "--wait");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        // three tasks, two extensions each, each row once
        await Cluster.Eventually.UntilAsync(
            async () => await MariaDbServer.ScalarAsync(database, "SELECT count(*) FROM census;", CancellationToken.None) == 6,
            TimeSpan.FromMinutes(1), "the six census rows are in MariaDB");
        Assert.Equal(3 * 700, await MariaDbServer.ScalarAsync(database, "SELECT sum(bytes) FROM census;", CancellationToken.None));
        Assert.Equal(3 * 2, await MariaDbServer.ScalarAsync(database, "SELECT sum(files) FROM census WHERE extension = 'log';", CancellationToken.None));
    }

    /// <summary>A plugin directory with only the sample plugin, and a directory of 3 files (2 .log, 1 .csv; 700 bytes) to count.</summary>
    private static (string Plugins, string Counted) Prepare(TestCluster cluster)
    {
        Assert.True(File.Exists(PluginDll), $"the sample plugin is not built at {PluginDll}");
        var plugins = Directory.CreateDirectory(Path.Combine(cluster.DataDirectory, "plugins")).FullName;
        File.Copy(PluginDll, Path.Combine(plugins, Path.GetFileName(PluginDll)));
        var counted = Directory.CreateDirectory(Path.Combine(cluster.DataDirectory, "counted")).FullName;
        File.WriteAllBytes(Path.Combine(counted, "a.log"), new byte[100]);
        File.WriteAllBytes(Path.Combine(counted, "b.log"), new byte[200]);
        File.WriteAllBytes(Path.Combine(counted, "c.csv"), new byte[400]);
        return (plugins, counted);
    }

    /// <summary>Tells the hub about the plugin's kind (an administrator's call), so that submissions of it validate.</summary>
    private static async Task RegisterAsync(TestCluster cluster)
    {
        using var http = cluster.Http();
        using var response = await http.PutAsJsonAsync($"/api/v1/kinds/{Kind}", new
        {
            taskClass = "Cyclone.Samples.TaskPlugin.DirectoryCensusTask, Cyclone.Samples.TaskPlugin",
            inputs = new Dictionary<string, string> { ["directory"] = "string", ["max_files"] = "integer", ["row_sink"] = "string", ["metric_sink"] = "string" },
            outputs = new Dictionary<string, string> { ["files"] = "integer", ["bytes"] = "integer" },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task StartAgentAsync(TestCluster cluster, string plugins)
    {
        cluster.AgentArguments.AddRange(["--plugins", plugins]);
        await cluster.StartAgentAsync("plugin-agent", slots: 2);
    }
}
