namespace Cyclone.Hub.Tests.Security;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps).</summary>
internal static class FuzzEventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(25);
        }
    }
}
