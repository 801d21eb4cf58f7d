using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// The fault suite (<c>./test.sh --faults</c>): real hub and agents, over 2,000 tasks from 50 concurrent clients, and
/// meanwhile agents killed and frozen, the hub killed, agents cut off the network, the store's disk full. Afterwards
/// the store and the tasks' own execution records must show nothing lost, nothing recorded twice.
/// </summary>
[Trait("Category", "faults")]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(150);
    private static readonly string[] Waiting = ["BLOCKED", "PENDING", "RUNNING"];

    [Fact]
    public async Task Under_load_faults_and_restarts_no_acknowledged_task_is_lost_or_recorded_twice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CYCLONE_FAULT_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Environment.TickCount & 0xFFFF;
        var root = TmpfsMount.Available;
        Assert.True(root || !TmpfsMount.Required, "the fault suite needs root for network namespaces and a small disk; CYCLONE_REQUIRE_SERVICES=1 says it may not fall back");
        if (!root)
        {
            output.WriteLine("not root: no network partitions (SIGSTOP stands in for them) and no disk-full fault");
        }

        var clock = Stopwatch.StartNew();
        await using var cluster = new TestCluster(output);
        using var disk = root ? TmpfsMount.Create(megabytes: 256) : null;
        cluster.HubDataDirectory = disk?.Path;
        cluster.HubArguments.AddRange(["--bind", "0.0.0.0"]);
        await cluster.StartHubAsync();

        var counts = new FaultCounts();
        var log = Path.Combine(cluster.DataDirectory, "executions.log");
        var injector = new FaultInjector(cluster, seed, counts, line => output.WriteLine(line)) { Disk = disk };
        try
        {
            await injector.StartAgentsAsync(local: 4, isolated: root ? 2 : 0);
            var workload = new Workload(new Uri(cluster.HubUrl), cluster.AdminToken, log, seed);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await Task.WhenAll(workload.RunAsync(Duration * 0.8, stop.Token), injector.RunAsync(Duration, workload.SubmitOnceAsync, stop.Token));

            using var http = cluster.Http();
            await Eventually.UntilAsync(async () =>
            {
                var state = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/cluster", UriKind.Relative)))!;
                var byState = state["tasksByState"]!.AsObject();
                return Waiting.All(s => (long?)byState[s] is null or 0);
            }, TimeSpan.FromMinutes(5), "every task has ended");

            var report = InvariantChecker.Check(Path.Combine(cluster.HubDataDirectory ?? cluster.DataDirectory, "cyclone.db"), log, workload.Acknowledged, injector.Agents);
            var summary = FaultSummary.Format(seed, clock.Elapsed, counts, workload, injector, report);
            output.WriteLine(summary);
            if (Environment.GetEnvironmentVariable("CYCLONE_FAULT_SUMMARY") is { Length: > 0 } file)
            {
                await File.AppendAllTextAsync(file, summary);
            }

            Assert.True(report.Violations.Count == 0, summary);
            Assert.True(report.Tasks >= 2000, $"only {report.Tasks} tasks ran");
            Assert.True(counts["agent kill -9"] >= 10 && counts["hub kill -9"] >= 3 && counts["agent SIGSTOP past lease"] >= 1, summary);
            Assert.True(!root || (counts["network partition"] >= 1 && counts["disk full"] >= 1 && workload.RefusedWhileFull > 0), summary);
        }
        finally
        {
            foreach (var network in injector.Networks)
            {
                network.Dispose();
            }
        }
    }
}
