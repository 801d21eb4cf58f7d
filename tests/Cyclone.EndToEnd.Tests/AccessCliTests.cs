using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class AccessCliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Admins_add_users_and_tokens_users_log_in_and_only_touch_their_own_jobs()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);

        Assert.Equal(0, (await cluster.CliAsync("user", "add", "bob")).ExitCode);
        var created = await cluster.CliAsync("token", "create", "--user", "bob", "--name", "bob's laptop", "--expires", "30d");
        Assert.True(created.ExitCode == 0, created.ToString());
        var bobToken = created.Stdout.Trim();
        Assert.StartsWith("cyc_", bobToken, StringComparison.Ordinal);
        Assert.Contains("not shown again", created.Stderr, StringComparison.Ordinal);

        // bob logs in: the token is checked, then stored for this hub readable only by him
        var tokenFile = Path.Combine(cluster.DataDirectory, "bob.token");
        await File.WriteAllTextAsync(tokenFile, bobToken + "\n");
        var login = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "login", "--token-file", tokenFile);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("as bob (user)", login.Stdout, StringComparison.Ordinal);
        var stored = Directory.GetFiles(cluster.ConfigDirectory, "token", SearchOption.AllDirectories).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
        Assert.Equal(bobToken, (await File.ReadAllTextAsync(stored)).Trim());

        // without CYCLONE_TOKEN the stored token is used
        var whoami = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "whoami");
        Assert.StartsWith("bob (user", whoami.Stdout, StringComparison.Ordinal);
        var bobsJob = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "run", "--", "sleep", "30");
        Assert.True(bobsJob.ExitCode == 0, bobsJob.ToString());
        var adminsJob = await cluster.SubmitAsync("--", "sh", "-c", "echo admin-secret-output; sleep 30");
        Assert.Equal("bob", (await cluster.JobAsync(long.Parse(bobsJob.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture))).User);

        var foreignKill = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "kill", $"{adminsJob}");
        Assert.Equal(1, foreignKill.ExitCode);
        Assert.Contains("belongs to admin", foreignKill.Stderr, StringComparison.Ordinal);
        var foreignLogs = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "logs", $"{adminsJob}");
        Assert.Equal(1, foreignLogs.ExitCode);
        Assert.DoesNotContain("admin-secret-output", foreignLogs.Stdout, StringComparison.Ordinal);
        var userAdd = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "user", "add", "mallory", "--admin");
        Assert.Equal(1, userAdd.ExitCode);
        Assert.Contains("Not allowed", userAdd.Stderr, StringComparison.Ordinal);
        Assert.NotEqual("CANCELLED", (await cluster.JobAsync(adminsJob)).State);

        Assert.Equal(0, (await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "kill", bobsJob.Stdout.Trim())).ExitCode);

        // the admin disables bob: his stored token stops working at once
        Assert.Equal(0, (await cluster.CliAsync("user", "disable", "bob")).ExitCode);
        var refused = await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "queue");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("user bob is disabled", refused.Stderr, StringComparison.Ordinal);

        var audit = await cluster.CliAsync("audit", "--user", "bob", "--denied", "--json");
        Assert.Contains($"/api/v1/jobs/{adminsJob}/cancel", audit.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await cluster.CliAsAsync("", TimeSpan.FromSeconds(60), "logout")).ExitCode);
        Assert.Empty(Directory.GetFiles(cluster.ConfigDirectory, "token", SearchOption.AllDirectories));
    }
}
