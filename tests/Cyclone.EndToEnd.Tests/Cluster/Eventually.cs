namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>Waits for a condition with a deadline instead of sleeping for a fixed time.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
    {
        var end = DateTime.UtcNow + deadline;
        Exception? last = null;
        while (DateTime.UtcNow < end)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or Client.HubUnreachableException or Client.CycloneApiException or TaskCanceledException)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting until {what}" + (last is null ? "" : $" (last error: {last.Message})"));
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what) =>
        UntilAsync<object>(async () => await condition() ? new object() : null, deadline, what);
}
