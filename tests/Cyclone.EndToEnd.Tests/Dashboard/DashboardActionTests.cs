using Cyclone.EndToEnd.Tests.Cluster;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Dashboard;

/// <summary>
/// Operators' actions in real Chromium against a real hub with a real agent: retry a failed job, drain and resume an
/// agent (watching its current tasks), and the jobs table's search by label. Screenshots go to TestResults/dashboard/.
/// </summary>
public sealed class DashboardActionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [ChromiumFact]
    public async Task A_failed_job_is_retried_from_its_page_and_completes_as_a_second_attempt()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("dash-r", 1, "gpu");
        var flag = Path.Combine(cluster.DataDirectory, "second-time");
        // fails the first time, succeeds once the flag it leaves exists
        var id = await cluster.SubmitAsync("-J", "flaky", "--label", "gpu", "--", "sh", "-c", $"if [ -e {flag} ]; then echo second try; else touch {flag}; exit 3; fi");
        await cluster.WaitForJobAsync(id, "FAILED");

        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);
        await browser.GoAsync("/jobs?q=label:gpu");
        await Assertions.Expect(page.Locator("[role=row][data-row-index]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[role=row][data-row-index]")).ToContainTextAsync("flaky");

        await browser.GoAsync($"/jobs/{id}");
        var state = page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator("[data-state]");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "FAILED");
        await Assertions.Expect(page.GetByTestId("job-exit")).ToHaveTextAsync("3");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry job" }).ClickAsync();

        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "COMPLETED");
        await Assertions.Expect(page.GetByTestId("job-exit")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("output")).ToContainTextAsync("second try");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry job" })).ToHaveCountAsync(0);
        var job = await cluster.JobAsync(id);
        Assert.Equal(2, Assert.Single(job.Tasks!).Attempt);
        await browser.ScreenshotAsync("job-retried");
        await browser.AssertNotReloadedAsync();
    }

    [ChromiumFact]
    public async Task An_agent_drained_from_the_page_finishes_its_task_takes_no_new_one_and_resumes()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("dash-d", 1);
        var gate = Path.Combine(cluster.DataDirectory, "gate");
        var running = await cluster.SubmitAsync("-J", "holder", "--", "sh", "-c", $"while [ ! -e {gate} ]; do sleep 0.2; done");
        await cluster.WaitForJobAsync(running, "RUNNING");

        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);
        await browser.NavigateAsync("Agents");
        var row = page.Locator("[role=row][data-row-index]").Filter(new() { HasText = "dash-d" });
        await row.Locator("[role=cell]").First.ClickAsync();
        var detail = page.GetByRole(AriaRole.Region, new() { Name = "Agent dash-d" });
        await Assertions.Expect(detail.GetByRole(AriaRole.Link, new() { Name = $"job {running}" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.GetByTestId("load-now")).ToHaveTextAsync("1 / 1");
        await browser.ScreenshotAsync("agent-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Drain dash-d" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "DRAINING");
        await Assertions.Expect(row).ToContainTextAsync("DRAINING");
        var waiting = await cluster.SubmitAsync("-J", "waits", "--", "true");
        await File.WriteAllTextAsync(gate, "open");
        await cluster.WaitForJobAsync(running, "COMPLETED");
        // the agent has spoken since its slot freed (a heartbeat later than the end), and still got nothing
        var ended = (await cluster.JobAsync(running)).EndedAt!.Value;
        await Eventually.UntilAsync(
            async () => (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Single(a => a.Name == "dash-d").LastHeartbeat > ended.AddSeconds(1),
            Deadline,
            "a heartbeat of dash-d after its task ended");
        Assert.Equal("PENDING", (await cluster.JobAsync(waiting)).State);
        await Assertions.Expect(detail).ToContainTextAsync("No task runs here now.");
        await browser.ScreenshotAsync("agents-drained");

        // the job that waits for the drained agent is counted in the queue by what it asks for
        await browser.NavigateAsync("Overview");
        await Assertions.Expect(page.GetByTestId("queue-pending-1 slot")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync("overview-queue");

        await browser.NavigateAsync("Agents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume dash-d" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "UP");
        await cluster.WaitForJobAsync(waiting, "COMPLETED");
        await browser.AssertNotReloadedAsync();
    }

    [ChromiumFact]
    public async Task The_agents_page_lists_a_thousand_registered_agents_with_only_the_rows_in_view_in_the_page()
    {
        await using var cluster = new TestCluster(output);
        cluster.HubEnvironment["CYCLONE_Hub__LeaseTimeout"] = "00:02:00"; // the heartbeats of the first agents start once the last one is registered
        await cluster.StartHubAsync();
        await using var agents = await ManyAgents.ConnectAsync(cluster, "many", 1000);
        await Eventually.UntilAsync(
            async () => (await cluster.Client.ListAgentsAsync(CancellationToken.None)).Count(a => a.State == "UP") == 1000, Deadline, "1000 agents UP");

        await using var browser = await DashboardBrowser.StartAsync();
        var page = browser.Page;
        await browser.SignInAsync(cluster);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await browser.NavigateAsync("Agents");
        await Assertions.Expect(page.GetByText("1000 up of 1000 known")).ToBeVisibleAsync();
        output.WriteLine($"the Agents page showed 1000 agents {started.ElapsedMilliseconds} ms after it was opened");
        var rows = page.Locator("[role=row][data-row-index]");
        Assert.InRange(await rows.CountAsync(), 10, 60);
        await Assertions.Expect(rows.First).ToContainTextAsync("many-0000");

        await rows.First.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(page.Locator("[role=row][data-row-index='999']")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[role=row][data-row-index='999']")).ToContainTextAsync("many-0999");
        Assert.InRange(await rows.CountAsync(), 10, 60);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Agent many-0999" })).ToContainTextAsync("No task runs here now.");
        await browser.ScreenshotAsync("agents-1000");
        Assert.Equal(0, agents.Broken);
    }

    [Fact]
    public async Task The_cli_retries_a_failed_job_and_drains_an_agent_which_stays_drained_across_its_restart_until_resumed()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var agent = await cluster.StartAgentAsync("cli-d", 1);
        var flag = Path.Combine(cluster.DataDirectory, "again");
        var id = await cluster.SubmitAsync("--", "sh", "-c", $"if [ -e {flag} ]; then exit 0; else touch {flag}; exit 4; fi");
        await cluster.WaitForJobAsync(id, "FAILED");

        var drain = await cluster.CliAsync("drain", "cli-d");
        Assert.True(drain.ExitCode == 0, drain.ToString());
        await cluster.WaitForAgentAsync("cli-d", "DRAINING");
        agent.Signal("KILL"); // the drain is stored: the agent started again comes back drained, not UP
        await cluster.WaitForAgentAsync("cli-d", "DOWN");
        cluster.LaunchAgent("cli-d", 1);
        await cluster.WaitForAgentAsync("cli-d", "DRAINING");
        var retry = await cluster.CliAsync("retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains($"job {id} retried", retry.Stdout, StringComparison.Ordinal);
        Assert.Equal("PENDING", (await cluster.JobAsync(id)).State);

        var resume = await cluster.CliAsync("resume", "cli-d");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        await cluster.WaitForJobAsync(id, "COMPLETED");

        var again = await cluster.CliAsync("retry", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("every task of job", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await cluster.CliAsync("drain", "nobody")).ExitCode);
    }
}
