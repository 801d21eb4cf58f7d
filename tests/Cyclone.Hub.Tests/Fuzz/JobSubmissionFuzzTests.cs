using Cyclone.Core.Parsing;
using Cyclone.Hub.Api;
using Cyclone.Protocol.Rest;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Hub.Tests.Fuzz;

public sealed class JobSubmissionFuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Any_submission_becomes_a_job_or_short_errors_by_field_and_never_throws() =>
        PropertyFuzz.Check("JobSubmissionValidator any request", Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var request = FuzzSubmissions.Any(new Random(seed));
            var what = $"FuzzSubmissions.Any(new Random({seed}))";
            var job = JobSubmissionValidator.Validate(request, "fuzz", Now, out var errors, out var dependencies);
            Assert.True(job is null == errors.Count > 0, $"{what}: a job {(job is null ? "missing" : "given")} with {errors.Count} errors");
            Assert.All(errors.Values.SelectMany(e => e), e => PropertyFuzz.AssertMessage(e, what));
            if (job is null)
            {
                return;
            }

            var elements = request.Array is not null && ArraySpecParser.TryParse(request.Array, out var array, out _) ? array!.Indices.Count : 1;
            Assert.Equal(elements, job.Tasks.Count);
            Assert.All(job.Tasks, t => Assert.True(t.Nodes == request.Nodes && t.Demand.Slots == request.CpusPerProc * request.ProcsPerNode, what));
            Assert.Equal(request.Dependency is null ? 0 : request.Dependency.Split(',').Sum(c => c.Split(':').Length - 1), dependencies.Count);
        }, 800);

    [Fact]
    public void A_valid_submission_keeps_its_memory_and_time_limit() =>
        PropertyFuzz.Check(
            "JobSubmissionValidator valid request",
            Arb.From(Gen.Zip(Gen.Zip(Gen.Choose(1, 1 << 20), Gen.Elements(("M", 20), ("G", 30), ("K", 10))), Gen.Choose(1, 5_000_000))),
            input =>
            {
                var ((amount, (unit, shift)), seconds) = input;
                var limit = TimeLimitParser.Format(TimeSpan.FromSeconds(seconds));
                var request = new SubmitJobRequest { Command = ["/bin/true"], Memory = $"{amount}{unit}", TimeLimit = limit };
                var job = JobSubmissionValidator.Validate(request, "fuzz", Now, out var errors, out _);
                Assert.True(job is not null, string.Join("; ", errors.SelectMany(e => e.Value)));
                var task = Assert.Single(job.Tasks);
                Assert.Equal((long)amount << shift, task.Demand.MemoryBytes);
                Assert.Equal(TimeSpan.FromSeconds(seconds), task.TimeLimit);
            },
            1_000);
}
