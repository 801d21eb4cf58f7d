using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in real Chromium against a real hub with a real agent: it signs in with the link, shows what
/// the CLI did as it happens, edits and publishes a workflow, and cancels a job. Screenshots of every main view
/// are saved in TestResults/dashboard/.
/// </summary>
public sealed class DashboardTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task A_job_submitted_through_the_cli_turns_completed_on_the_page_without_a_reload()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("dash-a", 2, "fast");
        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);

        await Assertions.Expect(page.GetByTestId("agents-up")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("slots")).ToHaveTextAsync("0 / 2");

        await browser.NavigateAsync("Jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs" })).ToBeVisibleAsync();
        var id = await cluster.SubmitAsync("-J", "from-the-cli", "--", "sh", "-c", "sleep 2; echo hello from the dashboard test");
        var row = page.Locator("[role=row][data-row-index]").Filter(new() { Has = page.Locator($"[role=cell]:text-is('{id}')") });
        await Assertions.Expect(row).ToContainTextAsync("from-the-cli");
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "COMPLETED");
        await Assertions.Expect(row).ToContainTextAsync("COMPLETED"); // the state as text, not only as colour
        await browser.AssertNotReloadedAsync();
        await browser.ScreenshotAsync("jobs");

        await row.ClickAsync();
        await Assertions.Expect(page.GetByTestId("output")).ToContainTextAsync("hello from the dashboard test");
        await Assertions.Expect(page.GetByTestId("job-exit")).ToHaveTextAsync("0");
        await browser.ScreenshotAsync("job-detail");

        await browser.NavigateAsync("Overview");
        await Assertions.Expect(page.GetByTestId("tasks-COMPLETED")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync("overview");

        await browser.NavigateAsync("Agents");
        var agent = page.Locator("[role=row][data-row-index]").Filter(new() { HasText = "dash-a" });
        await Assertions.Expect(agent.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "UP");
        await Assertions.Expect(agent).ToContainTextAsync("fast");
        await browser.ScreenshotAsync("agents");

        var sleeper = await cluster.SubmitAsync("--", "sleep", "120");
        var waiting = await cluster.SubmitAsync("--dependency", $"afterok:{sleeper}", "--", "true");
        await browser.NavigateAsync("Queue");
        await Assertions.Expect(page.Locator("[role=row][data-row-index]").Filter(new() { HasText = $"{waiting}.0" })).ToContainTextAsync("BLOCKED");
        await browser.ScreenshotAsync("queue");
        await browser.AssertNotReloadedAsync();
    }

    [ChromiumFact]
    public async Task A_node_added_in_the_editor_is_published_as_a_new_version_in_the_history()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("dash-w", 2);
        var file = Path.Combine(cluster.DataDirectory, "flow.json");
        await File.WriteAllTextAsync(file, """
            { "nodes": [ { "name": "first", "command": ["sh", "-c", "sleep 2"] }, { "name": "second", "command": ["true"] } ],
              "edges": [ { "from": "first", "to": "second" } ] }
            """);
        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", file, "-m", "two nodes")).ExitCode);
        Assert.Equal(0, (await cluster.CliAsync("workflow", "execute", "flow", "--wait")).ExitCode);
        using var http = cluster.Http();
        var runs = JsonNode.Parse(await http.GetStringAsync(new Uri("api/v1/workflows/flow/runs", UriKind.Relative)))!;
        var run = (long)runs["items"]![0]!["id"]!;

        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);
        await browser.NavigateAsync("Workflows");
        await page.GetByRole(AriaRole.Link, new() { Name = "flow", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"run {run}" }).ClickAsync();
        var first = page.Locator("[data-node=first]");
        await Assertions.Expect(first).ToHaveAttributeAsync("data-state", "COMPLETED");
        await Assertions.Expect(first).ToContainTextAsync("COMPLETED");
        await browser.ScreenshotAsync("workflow-graph");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Edit" }).ClickAsync();
        await page.GetByTestId("new-node-name").FillAsync("third");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
        await page.GetByTestId("node-command").FillAsync("echo\nadded in the editor");
        await page.GetByTestId("edge-from").SelectOptionAsync("second");
        await page.GetByTestId("edge-to").SelectOptionAsync("third");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Edges" })).ToContainTextAsync("second → third");
        await page.GetByTestId("publish-message").FillAsync("add a third node");
        await browser.ScreenshotAsync("workflow-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        var versions = page.GetByTestId("version");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.First).ToContainTextAsync("add a third node");
        await page.GetByRole(AriaRole.Button, new() { Name = "with previous" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("diff")).ToContainTextAsync("added in the editor");
        await browser.ScreenshotAsync("workflow-history");

        var stored = JsonNode.Parse(await http.GetStringAsync(new Uri("api/v1/workflows/flow", UriKind.Relative)))!;
        Assert.Contains(stored["nodes"]!.AsArray(), n => (string?)n!["name"] == "third" && (string?)n["command"]![1] == "added in the editor");
        Assert.Contains(stored["edges"]!.AsArray(), e => (string?)e!["from"] == "second" && (string?)e["to"] == "third");

        // the new version runs from the page, its graph live; its estimate learns from the first run
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute newest version" }).ClickAsync();
        var third = page.Locator("[data-node=third]");
        await Assertions.Expect(third).ToHaveAttributeAsync("data-state", "COMPLETED");
        await Assertions.Expect(third).ToContainTextAsync("COMPLETED");
        var second = long.Parse(System.Text.RegularExpressions.Regex.Match(page.Url, @"run=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(run, second);
        await browser.GoAsync($"/estimates?run={second}");
        await Assertions.Expect(page.GetByTestId("eta")).Not.ToHaveTextAsync("–");
        var estimates = page.GetByRole(AriaRole.Table, new() { Name = "Task estimates" });
        await Assertions.Expect(estimates.Locator("tr").Filter(new() { HasText = "first" }).Locator("td").Nth(2)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+s$"));
        await Assertions.Expect(estimates.Locator("tr").Filter(new() { HasText = "third" }).Locator("td").Nth(2)).ToHaveTextAsync("–");
        await browser.ScreenshotAsync("estimates");
        await browser.AssertNotReloadedAsync();
    }

    [ChromiumFact]
    public async Task A_running_job_is_cancelled_from_its_page()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("dash-c", 1);
        var id = await cluster.SubmitAsync("--", "sleep", "300");
        await cluster.WaitForJobAsync(id, "RUNNING");

        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);
        await browser.GoAsync($"/jobs/{id}");
        var state = page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator("[data-state]");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "RUNNING");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" }).ClickAsync();

        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "CANCELLED");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" })).ToHaveCountAsync(0);
        Assert.Equal("CANCELLED", (await cluster.JobAsync(id)).State);
        await browser.ScreenshotAsync("job-cancelled");
    }
}
