using Cyclone.Hub.Tests.Security;
using Cyclone.Protocol.Agent;
using Google.Protobuf;

namespace Cyclone.Hub.Tests.Rogue;

/// <summary>
/// A rogue agent reports on work that is not its own: outcomes of tasks leased to another agent or to nobody, and
/// output of other tasks. None of it may change a task; its own output is capped like any other.
/// </summary>
public sealed class RogueOutcomeTests
{
    [Fact]
    public async Task Outcomes_for_tasks_the_rogue_never_leased_are_ignored_and_the_honest_agent_finishes_them_once()
    {
        await using var hub = await RogueHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        await using var honest = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "honest"), "honest", hold: true, RogueHub.HonestLabel);
        var jobs = await RogueHub.SubmitAsync(admin, 3);
        await FuzzEventually.TrueAsync(() => Task.FromResult(honest.Held.Count == 3), "the honest agent holds its three leases");
        var leases = honest.Held.ToList();

        // the rogue claims the honest agent's tasks in every way, at registration and on the stream, plus tasks that do not exist
        await using var rogue = await FuzzAgentStream.OpenAsync(hub, $"Bearer {await RogueHub.AgentTokenAsync(admin, "rogue")}");
        var register = FuzzAgentMessages.Valid("rogue");
        register.Finished.AddRange(Claims(leases, seq: 1));
        register.Running.AddRange(leases.Select(l => new AttemptRef { TaskId = l.TaskId, Attempt = l.Attempt, NodeIndex = l.NodeIndex }));
        await rogue.SendAsync(new AgentMessage { Register = register });
        await rogue.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering the rogue");
        var claims = new OutcomeBatch();
        claims.Outcomes.AddRange(Claims(leases, seq: 1_000));
        await rogue.SendAsync(new AgentMessage { Outcomes = claims });
        await AckedAsync(rogue, claims.Outcomes.Max(o => o.Seq), "the rogue's claims handled");
        foreach (var job in jobs)
        {
            var task = await RogueHub.TaskAsync(admin, job);
            Assert.True((string?)task["state"] == "RUNNING" && (int)task["attempt"]! == 1, $"after the rogue's claims: {task.ToJsonString()}");
        }

        foreach (var lease in leases)
        {
            await honest.FinishAsync(lease, exitCode: 0, output: "honest work\n");
        }

        await RogueHub.AllAsync(admin, jobs, "COMPLETED", "the honest agent's tasks completed");

        // claims after the end change nothing either
        var late = new OutcomeBatch();
        late.Outcomes.AddRange(Claims(leases, seq: 2_000));
        await rogue.SendAsync(new AgentMessage { Outcomes = late });
        await AckedAsync(rogue, late.Outcomes.Max(o => o.Seq), "the rogue's late claims handled");
        foreach (var job in jobs)
        {
            var task = await RogueHub.TaskAsync(admin, job);
            Assert.True(
                (string?)task["state"] == "COMPLETED" && (int?)task["exitCode"] == 0 && (int)task["attempt"]! == 1 && task["agents"]!.AsArray().Single()!.GetValue<string>() == "honest",
                $"one final state, the honest agent's: {task.ToJsonString()}");
            Assert.Equal("honest work\n", await RogueHub.OutputAsync(admin, job));
        }
    }

    [Fact]
    public async Task Oversize_output_is_capped_for_the_rogues_own_task_and_dropped_for_every_other_task()
    {
        const int Cap = 2 << 20;
        await using var hub = await RogueHub.StartAsync(("Store:OutputCapBytes", $"{Cap}"));
        using var admin = hub.Http(hub.AdminToken);
        await using var rogue = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "rogue"), "rogue", hold: true, "rogue");
        var own = (await RogueHub.SubmitAsync(admin, 1, label: "rogue")).Single();
        await FuzzEventually.TrueAsync(() => Task.FromResult(rogue.Held.Count == 1), "the rogue holds its lease");
        await using var honest = await SimAgent.StartAsync(hub, await RogueHub.AgentTokenAsync(admin, "honest"), "honest", hold: true, RogueHub.HonestLabel);
        var other = (await RogueHub.SubmitAsync(admin, 1)).Single();
        await FuzzEventually.TrueAsync(() => Task.FromResult(honest.Held.Count == 1), "the honest agent holds its lease");
        var mine = rogue.Held.Single();
        var theirs = honest.Held.Single();

        await using var raw = await FuzzAgentStream.OpenAsync(hub, $"Bearer {await RogueHub.AgentTokenAsync(admin, "rogue-2")}");
        var flood = new byte[3 << 20];
        Array.Fill(flood, (byte)'x');
        for (var i = 0; i < 4; i++)
        {
            // the rogue's stream sends its own and the honest agent's; a second rogue stream sends both too
            var batch = new OutputBatch();
            batch.Chunks.Add(new OutputChunk { TaskId = mine.TaskId, Attempt = mine.Attempt, Data = ByteString.CopyFrom(flood) });
            batch.Chunks.Add(new OutputChunk { TaskId = theirs.TaskId, Attempt = theirs.Attempt, Data = ByteString.CopyFrom(flood, 0, 1 << 20) });
            batch.Chunks.Add(new OutputChunk { TaskId = 999_999, Attempt = 1, Data = ByteString.CopyFrom(flood, 0, 1 << 20) });
            await rogue.SendOutputAsync(batch);
        }

        await raw.SendAsync(new AgentMessage { Register = FuzzAgentMessages.Valid("rogue-2") });
        await raw.ExpectAsync(HubMessage.BodyOneofCase.Welcome, "registering the second rogue");
        var foreign = new OutputBatch();
        foreign.Chunks.Add(new OutputChunk { TaskId = mine.TaskId, Attempt = mine.Attempt, Data = ByteString.CopyFromUtf8("not yours\n") });
        foreign.Chunks.Add(new OutputChunk { TaskId = theirs.TaskId, Attempt = theirs.Attempt, Data = ByteString.CopyFromUtf8("not yours\n") });
        await raw.SendAsync(new AgentMessage { Output = foreign });

        await rogue.FinishAsync(mine);
        await honest.FinishAsync(theirs, output: "honest work\n");
        await RogueHub.AllAsync(admin, [own, other], "COMPLETED", "both tasks completed");

        var capped = await RogueHub.OutputAsync(admin, own);
        Assert.EndsWith("[cyclone: output cut at 2097152 bytes; the rest was dropped]\n", capped, StringComparison.Ordinal);
        Assert.True(capped.Length < Cap + 100 && capped.TrimEnd().Split('\n')[0].All(c => c == 'x'), $"{capped.Length} characters");
        Assert.Equal("honest work\n", await RogueHub.OutputAsync(admin, other));
        await FuzzHubState.AssertServingAsync(hub, "after 12 MB of output from a rogue");
    }

    /// <summary>Reads acknowledgements until one covers <paramref name="seq"/>: every outcome up to it has been handled.</summary>
    private static async Task AckedAsync(FuzzAgentStream stream, long seq, string what)
    {
        while ((await stream.ExpectAsync(HubMessage.BodyOneofCase.Ack, what)).Ack.UpToSeq < seq)
        {
        }
    }

    private static IEnumerable<Outcome> Claims(IReadOnlyList<Lease> leases, long seq)
    {
        foreach (var l in leases)
        {
            yield return Claim(l.TaskId, l.Attempt, l.NodeIndex, OutcomeKind.Exited, 7, seq++);
            yield return Claim(l.TaskId, l.Attempt, l.NodeIndex, OutcomeKind.HandedBack, 0, seq++);
            yield return Claim(l.TaskId, l.Attempt, l.NodeIndex, OutcomeKind.StartFailed, 0, seq++);
            yield return Claim(l.TaskId, l.Attempt + 1, l.NodeIndex, OutcomeKind.Exited, 0, seq++);
            yield return Claim(l.TaskId, l.Attempt, -1, OutcomeKind.TimedOut, 0, seq++);
            yield return Claim(l.TaskId, l.Attempt, 1, OutcomeKind.Stopped, 0, seq++);
        }

        yield return Claim(999_999, 1, 0, OutcomeKind.Exited, 0, seq++);
        yield return Claim(-1, int.MinValue, int.MaxValue, (OutcomeKind)42, 0, seq);
    }

    private static Outcome Claim(long task, int attempt, int node, OutcomeKind kind, int exitCode, long seq) =>
        new() { Attempt = new AttemptRef { TaskId = task, Attempt = attempt, NodeIndex = node }, Kind = kind, ExitCode = exitCode, Seq = seq, OutputsJson = "{\"stolen\": true}" };
}
