using System.Text.Json;
using System.Text.Json.Nodes;
using Cyclone.Hub.Api;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Workflows.Kinds;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Generators;

/// <summary>Submits a generated job the way <c>POST /api/v1/jobs</c> does: validated whole first, stored durably, deferred.</summary>
public sealed class GeneratedJobs(SchedulerLoop loop, IStore store, HubKindCatalog kinds, TimeProvider time)
{
    /// <summary>The stored job's id, or the reasons it is not valid (nothing is stored then).</summary>
    public async Task<(long? JobId, string? Problem)> SubmitAsync(JsonObject job, string user, CancellationToken ct)
    {
        if (job["invalid"] is JsonValue invalid)
        {
            return (null, invalid.ToString());
        }

        SubmitJobRequest? request;
        try
        {
            request = job.Deserialize<SubmitJobRequest>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, $"not a job: {ex.Message}");
        }

        if (request is null)
        {
            return (null, "not a job: null");
        }

        request.Defer = true; // agents may join later
        var validated = JobSubmissionValidator.Validate(request, user, time.GetUtcNow(), out var errors, out var dependencies, kinds);
        if (validated is null)
        {
            return (null, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }

        if (dependencies.Count > 0)
        {
            var resolved = await JobDependencies.ResolveAsync(store, dependencies, ct);
            if (resolved.Error is { } error)
            {
                return (null, $"dependency: {error}");
            }

            validated = validated with { Tasks = [.. validated.Tasks.Select(t => t with { Dependencies = resolved.Dependencies })] };
        }

        var stored = await loop.SubmitAsync(validated, ct);
        return (stored.JobId, null);
    }
}
