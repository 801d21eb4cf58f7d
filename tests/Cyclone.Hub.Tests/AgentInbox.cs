using Cyclone.Hub.Agents;
using Cyclone.Protocol.Agent;

namespace Cyclone.Hub.Tests;

/// <summary>Reads what the hub sends one in-process agent connection, with a deadline.</summary>
internal static class AgentInbox
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<HubMessage> NextAsync(this AgentConnection connection)
    {
        using var cts = new CancellationTokenSource(Deadline);
        return await connection.Outbound.ReadAsync(cts.Token);
    }

    /// <summary>Skips messages until one of the wanted kind arrives.</summary>
    public static async Task<HubMessage> NextOfAsync(this AgentConnection connection, HubMessage.BodyOneofCase kind)
    {
        using var cts = new CancellationTokenSource(Deadline);
        while (true)
        {
            var message = await connection.Outbound.ReadAsync(cts.Token);
            if (message.BodyCase == kind)
            {
                return message;
            }
        }
    }

    /// <summary>True when nothing of that kind is waiting right now (after the loop has gone idle).</summary>
    public static bool HasNo(this AgentConnection connection, HubMessage.BodyOneofCase kind)
    {
        while (connection.Outbound.TryRead(out var message))
        {
            if (message.BodyCase == kind)
            {
                return false;
            }
        }

        return true;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
