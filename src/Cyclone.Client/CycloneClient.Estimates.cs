using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>When a run (any job) is expected to start and finish, from past durations of the same tasks.</summary>
    public Task<RunEstimateDto> EstimateRunAsync(long runId, CancellationToken ct) =>
        SendAsync<RunEstimateDto>(HttpMethod.Get, $"api/v1/runs/{runId}/estimate", null, $"run {runId} does not exist", ct);
}
