using Cyclone.Storage.Contract;
using Cyclone.Storage.Sqlite;
using Cyclone.Storage.Tests.Contract;
using Cyclone.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Storage.Tests.Sqlite;

public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_refuses_writes_with_a_clear_error_loses_nothing_and_writes_resume_when_space_returns()
    {
        if (!TmpfsMount.Available)
        {
            Assert.False(TmpfsMount.Required, "this test needs root (to mount a small tmpfs) and CYCLONE_REQUIRE_SERVICES=1 says it may not be left out");
            return;
        }

        using var disk = TmpfsMount.Create(megabytes: 16);
        var before = new List<SubmittedJob>();
        await using (var store = new SqliteStore(new StoreOptions { DataDirectory = disk.Path }, NullLogger<SqliteStore>.Instance))
        {
            await store.InitializeAsync(CancellationToken.None);
            before.AddRange(await store.SubmitAsync([Jobs.Of("kept", "alice", 50)], CancellationToken.None));
            var ballast = disk.Fill();

            var full = await Assert.ThrowsAsync<StoreFullException>(async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await store.SubmitAsync([Jobs.Of($"refused-{i}", "alice", 200)], CancellationToken.None); // until the WAL has no room left
                }
            });
            Assert.Contains("full", full.Message, StringComparison.Ordinal);
            Assert.Contains(disk.Path, full.Message, StringComparison.Ordinal);

            File.Delete(ballast);
            var after = await store.SubmitAsync([Jobs.Of("after", "alice", 3)], CancellationToken.None);
            Assert.NotNull(await store.GetJobAsync(after[0].JobId, CancellationToken.None));
        }

        await using var reopened = new SqliteStore(new StoreOptions { DataDirectory = disk.Path }, NullLogger<SqliteStore>.Instance);
        await reopened.InitializeAsync(CancellationToken.None);
        Assert.Equal(50, (await reopened.GetTasksOfJobAsync(before[0].JobId, CancellationToken.None)).Count);
    }
}
