using System.Globalization;
using Cyclone.Agent.Executors.Slurm;
using Cyclone.Agent.Hosting;
using Cyclone.Tests.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Agent.Tests.Executors.Slurm;

/// <summary>A pilot leaves before its allocation ends, and notices when Slurm moves that end (a fake clock and a fake squeue).</summary>
public sealed class PilotDeadlineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeSqueue _squeue = new();
    private readonly Lifetime _lifetime;
    private readonly List<(DateTimeOffset At, string Reason)> _reregistered = [];
    private readonly AgentOptions _options = new() { Pilot = true, AllocationEnd = T0.AddMinutes(10), PilotMargin = TimeSpan.FromMinutes(1), PilotRecheck = TimeSpan.FromMinutes(1) };

    public PilotDeadlineTests()
    {
        _lifetime = new Lifetime(_time);
        _squeue.End = T0.AddMinutes(10);
    }

    [Fact]
    public async Task An_allocation_extended_while_the_pilot_runs_moves_when_it_leaves_and_it_registers_again_with_the_new_end()
    {
        using var deadline = Start("4242");
        _squeue.End = T0.AddMinutes(30); // scontrol update JobId=4242 TimeLimit=30

        await RunUntilAsync(() => _lifetime.StoppedAt is not null, "the pilot has left");

        var (at, reason) = Assert.Single(_reregistered);
        Assert.InRange(at, T0.AddMinutes(1), T0.AddMinutes(1) + Step);
        Assert.Contains(T0.AddMinutes(30).ToString("u", CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
        Assert.Equal(T0.AddMinutes(30), _options.AllocationEnd);
        Assert.InRange(_lifetime.StoppedAt!.Value, T0.AddMinutes(29), T0.AddMinutes(29) + Step);
        Assert.All(_squeue.Jobs, j => Assert.Equal("4242", j));
    }

    [Fact]
    public async Task An_allocation_that_stays_as_it_was_is_left_one_margin_before_its_end_without_registering_again()
    {
        using var deadline = Start("4242");

        await RunUntilAsync(() => _lifetime.StoppedAt is not null, "the pilot has left");

        Assert.Empty(_reregistered);
        Assert.InRange(_lifetime.StoppedAt!.Value, T0.AddMinutes(9), T0.AddMinutes(9) + Step);
        Assert.InRange(_squeue.Jobs.Count, 8, 10); // once a minute, and a last look
    }

    [Fact]
    public async Task An_extension_found_at_the_last_look_keeps_the_pilot_until_the_new_end()
    {
        _options.PilotRecheck = TimeSpan.FromDays(1);
        using var deadline = Start("4242");
        _squeue.End = T0.AddMinutes(20);

        await RunUntilAsync(() => _lifetime.StoppedAt is not null, "the pilot has left");

        Assert.InRange(Assert.Single(_reregistered).At, T0.AddMinutes(9), T0.AddMinutes(9) + Step);
        Assert.InRange(_lifetime.StoppedAt!.Value, T0.AddMinutes(19), T0.AddMinutes(19) + Step);
    }

    [Fact]
    public async Task A_pilot_given_its_end_outside_a_Slurm_job_never_asks_Slurm()
    {
        using var deadline = Start(job: null);

        await RunUntilAsync(() => _lifetime.StoppedAt is not null, "the pilot has left");

        Assert.Empty(_squeue.Jobs);
        Assert.InRange(_lifetime.StoppedAt!.Value, T0.AddMinutes(9), T0.AddMinutes(9) + Step);
    }

    private PilotDeadline Start(string? job)
    {
        var deadline = new PilotDeadline(_options, _squeue, job, r => _reregistered.Add((_time.GetUtcNow(), r)), _lifetime, _time, NullLogger<PilotDeadline>.Instance);
        _ = deadline.StartAsync(CancellationToken.None);
        return deadline;
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="condition"/> holds.</summary>
    private async Task RunUntilAsync(Func<bool> condition, string what) =>
        await Eventually.TrueAsync(
            () =>
            {
                if (!condition() && _time.GetUtcNow() < T0.AddHours(1))
                {
                    _time.Advance(Step);
                }

                return condition();
            },
            what,
            TimeSpan.FromSeconds(60));

    private sealed class FakeSqueue : ISlurmCommands
    {
        public DateTimeOffset End { get; set; }

        public List<string> Jobs { get; } = [];

        public Task<SlurmCommandResult> RunAsync(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
        {
            Assert.Equal("squeue", program);
            Jobs.Add(args[args.ToList().IndexOf("-j") + 1]);
            var text = End.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            return Task.FromResult(new SlurmCommandResult(0, text + "\n", string.Empty));
        }
    }

    private sealed class Lifetime(TimeProvider time) : IHostApplicationLifetime
    {
        public DateTimeOffset? StoppedAt { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StoppedAt ??= time.GetUtcNow();
    }
}
