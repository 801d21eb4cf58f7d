using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    public Task<HubStatusDto> StatusAsync(CancellationToken ct) =>
        SendAsync<HubStatusDto>(HttpMethod.Get, "api/v1/status", null, null, ct);

    public Task<EventPushedDto> PushEventAsync(EventPushRequest request, CancellationToken ct) =>
        SendAsync<EventPushedDto>(HttpMethod.Post, "api/v1/events/push", request, null, ct);

    public Task<EventsStatusDto> EventsStatusAsync(string? name, int limit, CancellationToken ct) =>
        SendAsync<EventsStatusDto>(HttpMethod.Get, "api/v1/events/status" + Query(("name", name), ("limit", Num(limit))), null, null, ct);

    public Task<TimerDto> StartTimerAsync(TimerStartRequest request, CancellationToken ct) =>
        SendAsync<TimerDto>(HttpMethod.Post, "api/v1/timers/start", request, null, ct);

    public Task<List<TimerDto>> TimersStatusAsync(bool all, CancellationToken ct) =>
        SendAsync<List<TimerDto>>(HttpMethod.Get, "api/v1/timers/status" + Query(("all", all ? "true" : null)), null, null, ct);

    public async Task CancelTimerAsync(long id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(Hub, $"api/v1/timers/{id}"));
        using var response = await SendRequestAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, $"there is no active timer {id}", ct);
        }
    }

    public Task<CountDto> ClearQueueAsync(CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, "api/v1/queue/clear", null, null, ct);

    public Task<CountDto> CancelRunnerWorkAsync(string name, CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, "api/v1/runners/cancel" + Query(("name", name)), null, null, ct);

    public Task<CountDto> ShutdownRunnerAsync(string name, CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, "api/v1/runners/shutdown" + Query(("name", name)), null, $"no runner named '{name}' is connected", ct);

    public Task<CountDto> CancelAllAsync(CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, "api/v1/admin/cancel_all", null, null, ct);

    public Task<CountDto> ShutdownHubAsync(CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, "api/v1/admin/shutdown", null, null, ct);
}
