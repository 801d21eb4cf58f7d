using System.Text;
using Cyclone.Hub.Workflows.Versions;

namespace Cyclone.Hub.Tests.WorkflowVersions;

public sealed class WorkflowRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("cyclone-git-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Three_publishes_are_three_commits_newest_first_and_each_version_stays_readable()
    {
        using var repo = new WorkflowRepository(_dir);
        var versions = Enumerable.Range(1, 3).Select(i => repo.Publish("wf", "native", Text($"v{i}"), $"user{i}", $"m{i}", T0.AddMinutes(i))).ToList();
        var history = repo.History("wf");
        Assert.Equal(versions.Select(v => v.Commit).Reverse(), history.Select(h => h.Commit));
        Assert.Equal(["user3", "user2", "user1"], history.Select(h => h.Author));
        Assert.Equal(["m3", "m2", "m1"], history.Select(h => h.Message));
        Assert.Equal(T0.AddMinutes(1), history[^1].When);
        Assert.Equal("v1", Encoding.UTF8.GetString(repo.Get("wf", versions[0].Commit)!.Content));
        Assert.Equal("v1", Encoding.UTF8.GetString(repo.Get("wf", versions[0].Commit[..7])!.Content));
        Assert.Equal("v3", Encoding.UTF8.GetString(repo.Get("wf", null)!.Content));
    }

    [Fact]
    public void Publishing_the_same_content_again_is_still_a_commit()
    {
        using var repo = new WorkflowRepository(_dir);
        repo.Publish("wf", "native", Text("same"), "a", "one", T0);
        repo.Publish("wf", "native", Text("same"), "a", "two", T0);
        Assert.Equal(2, repo.History("wf").Count);
    }

    [Fact]
    public void A_deleted_workflow_keeps_its_history_and_old_versions()
    {
        using var repo = new WorkflowRepository(_dir);
        var v1 = repo.Publish("wf", "nodeworks", Text("{}"), "a", "add", T0);
        repo.Publish("other", "native", Text("x"), "b", "other", T0);
        Assert.True(repo.Delete("wf", "a", "remove", T0)!.Deleted);
        Assert.Null(repo.Get("wf", null));
        Assert.Equal("nodeworks", repo.Get("wf", v1.Commit)!.Format);
        Assert.Equal(["other"], repo.List());
        Assert.Equal([true, false], repo.History("wf").Select(h => h.Deleted));
        Assert.Single(repo.History("other"));
        Assert.Null(repo.Delete("wf", "a", "again", T0));
    }

    [Fact]
    public void An_unknown_revision_is_reported_and_a_reopened_repository_sees_everything()
    {
        string commit;
        using (var repo = new WorkflowRepository(_dir))
        {
            commit = repo.Publish("wf", "native", Text("v"), "a", "m", T0).Commit;
            Assert.Throws<KeyNotFoundException>(() => repo.Get("wf", "deadbeef"));
        }

        using var reopened = new WorkflowRepository(_dir);
        Assert.Equal(commit, reopened.Get("wf", null)!.Commit);
    }

    [Fact]
    public async Task Concurrent_publishes_all_land()
    {
        using var repo = new WorkflowRepository(_dir);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => repo.Publish("wf", "native", Text($"{i}"), "a", $"m{i}", T0))));
        Assert.Equal(8, repo.History("wf").Count);
    }
}
