using System.Globalization;
using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

/// <summary>
/// Client of the hub's REST API (<c>/api/v1</c>). Errors the hub answers with surface as
/// <see cref="CycloneApiException"/>; a hub that cannot be reached as <see cref="HubUnreachableException"/>.
/// Given several hubs (an active hub and its standbys), it follows a standby's redirect to the active hub, and tries
/// the next hub when one refuses the connection or stands by with no hub active, for up to <see cref="FailoverWait"/>.
/// </summary>
public sealed partial class CycloneClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _token;
    private Uri _hub;

    /// <summary>A client of the hub at <paramref name="hub"/> (for example <c>http://127.0.0.1:5080</c>) without a token.</summary>
    public CycloneClient(Uri hub, HttpClient? http = null)
        : this(hub, new HubCredentials(null, null), http)
    {
    }

    /// <summary>A client of the hub at <paramref name="hub"/> (for example <c>http://127.0.0.1:5080</c>).</summary>
    /// <param name="hub">The hub's REST base address.</param>
    /// <param name="credentials">The token to send (as <c>Authorization: Bearer</c>) and the CA to trust.</param>
    /// <param name="http">An HttpClient to use; one is created (and disposed with this client) when null.</param>
    public CycloneClient(Uri hub, HubCredentials credentials, HttpClient? http = null)
        : this([hub], credentials, http)
    {
    }

    /// <summary>A client of the hubs <paramref name="hubs"/> (an active hub and its standbys), tried in this order.</summary>
    /// <param name="hubs">The hubs' REST base addresses; at least one.</param>
    /// <param name="credentials">The token to send (as <c>Authorization: Bearer</c>) and the CA to trust.</param>
    /// <param name="http">An HttpClient to use; one that follows no redirects itself is created (and disposed with this client) when null.</param>
    public CycloneClient(IReadOnlyList<Uri> hubs, HubCredentials credentials, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(hubs);
        _token = credentials.Token;
        if (hubs.Count == 0)
        {
            throw new ArgumentException("give at least one hub URL", nameof(hubs));
        }

        foreach (var hub in hubs)
        {
            ArgumentNullException.ThrowIfNull(hub, nameof(hubs));
            if (!hub.IsAbsoluteUri || (hub.Scheme != Uri.UriSchemeHttp && hub.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"the hub URL must be an absolute http:// or https:// URL, not '{hub}'", nameof(hubs));
            }
        }

        Hubs = hubs.Select(WithSlash).ToList();
        _hub = Hubs[0];
        _ownsHttp = http is null;
        if (http is null)
        {
            var handler = HubTrust.CreateHandler(credentials.CaFile);
            handler.AllowAutoRedirect = false; // a standby's redirect is followed here, with the token (an automatic one drops it)
            http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        }

        _http = http;
    }

    /// <summary>The REST base address of the hub in use, ending in a slash: the first given, until a failover moves on.</summary>
    public Uri Hub => Volatile.Read(ref _hub);

    /// <summary>The hubs given, in order, each ending in a slash.</summary>
    public IReadOnlyList<Uri> Hubs { get; }

    /// <summary>How long one call goes on trying hubs while none answers as the active hub (a standby takes over within seconds). Default: 20 s.</summary>
    public TimeSpan FailoverWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Submits a job; answers once the hub has stored it durably.</summary>
    public Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest request, CancellationToken ct) =>
        SendAsync<SubmitJobResponse>(HttpMethod.Post, "api/v1/jobs", request, null, ct);

    /// <summary>One job with its tasks.</summary>
    public Task<JobDto> GetJobAsync(long jobId, CancellationToken ct) =>
        SendAsync<JobDto>(HttpMethod.Get, $"api/v1/jobs/{jobId}", null, NoSuchJob(jobId), ct);

    /// <summary>
    /// The job once it has ended, or as it is after <paramref name="wait"/> (whole seconds, at most five minutes),
    /// whichever comes first; with its tasks only when <paramref name="withTasks"/>.
    /// </summary>
    public Task<JobDto> WaitForJobAsync(long jobId, TimeSpan wait, bool withTasks, CancellationToken ct) =>
        SendAsync<JobDto>(
            HttpMethod.Get,
            $"api/v1/jobs/{jobId}" + Query(("wait", Num((int)Math.Ceiling(wait.TotalSeconds)) + "s"), ("tasks", withTasks ? null : "false")),
            null,
            NoSuchJob(jobId),
            ct);

    /// <summary>Jobs, newest first, optionally only in <paramref name="states"/> and of <paramref name="user"/>.</summary>
    public Task<PageDto<JobDto>> ListJobsAsync(
        IEnumerable<string>? states, string? user, int offset, int limit, CancellationToken ct) =>
        ListJobsAsync(states, user, offset, limit, null, null, ct);

    /// <summary>
    /// Jobs sorted by <paramref name="sort"/> (id, name, user, state, submitted, started or ended; null: id) in
    /// <paramref name="order"/> (asc or desc; null: desc for id and the times, asc for the others), ties by id.
    /// </summary>
    public Task<PageDto<JobDto>> ListJobsAsync(
        IEnumerable<string>? states, string? user, int offset, int limit, string? sort, string? order, CancellationToken ct) =>
        SendAsync<PageDto<JobDto>>(
            HttpMethod.Get,
            "api/v1/jobs" + Query(("state", Join(states)), ("user", user), ("offset", Num(offset)), ("limit", Num(limit)), ("sort", sort), ("order", order)),
            null,
            null,
            ct);

    /// <summary>Cancels a job: pending tasks end, running ones are killed. Answers the job as it is afterwards.</summary>
    public Task<JobDto> CancelJobAsync(long jobId, CancellationToken ct) => CancelJobAsync(jobId, null, ct);

    /// <summary>Cancels one task (array element) of a job, or the whole job when <paramref name="taskIndex"/> is null.</summary>
    public Task<JobDto> CancelJobAsync(long jobId, int? taskIndex, CancellationToken ct) =>
        SendAsync<JobDto>(HttpMethod.Post, $"api/v1/jobs/{jobId}/cancel" + Query(("task", taskIndex is { } t ? Num(t) : null)), null, NoSuchJob(jobId), ct);

    /// <summary>Output chunks of a job after sequence number <paramref name="after"/>, optionally of one task and rank.</summary>
    public Task<OutputPageDto> ReadOutputAsync(
        long jobId, int? task, int? rank, long after, int limit, CancellationToken ct) =>
        SendAsync<OutputPageDto>(
            HttpMethod.Get,
            $"api/v1/jobs/{jobId}/output" + Query(("task", Num(task)), ("rank", Num(rank)), ("after", Num(after)), ("limit", Num(limit))),
            null,
            NoSuchJob(jobId),
            ct);

    /// <summary>Every agent the hub knows, live ones first.</summary>
    public Task<IReadOnlyList<AgentDto>> ListAgentsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<AgentDto>>(HttpMethod.Get, "api/v1/agents", null, null, ct);

    /// <summary>The cluster at a glance: agents, jobs and tasks by state.</summary>
    public Task<ClusterInfoDto> GetClusterAsync(CancellationToken ct) =>
        SendAsync<ClusterInfoDto>(HttpMethod.Get, "api/v1/cluster", null, null, ct);

    /// <summary>Tasks in dispatch order (priority, then age), optionally only in <paramref name="states"/>.</summary>
    public Task<PageDto<TaskDto>> ListTasksAsync(IEnumerable<string>? states, int offset, int limit, CancellationToken ct) =>
        ListTasksAsync(states, null, null, offset, limit, ct);

    /// <summary>Tasks in dispatch order, filtered by state, user and job when those are given.</summary>
    public Task<PageDto<TaskDto>> ListTasksAsync(
        IEnumerable<string>? states, string? user, long? jobId, int offset, int limit, CancellationToken ct) =>
        SendAsync<PageDto<TaskDto>>(
            HttpMethod.Get,
            "api/v1/tasks" + Query(("state", Join(states)), ("user", user), ("job", Num(jobId)), ("offset", Num(offset)), ("limit", Num(limit))),
            null,
            null,
            ct);

    /// <summary>The hub's <c>/healthz</c>: it is up, its version, and its gRPC port.</summary>
    public Task<HealthDto> HealthAsync(CancellationToken ct) =>
        SendAsync<HealthDto>(HttpMethod.Get, "healthz", null, null, ct);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string NoSuchJob(long jobId) => $"job {jobId} does not exist";

    private static Uri WithSlash(Uri hub) => hub.AbsoluteUri.EndsWith('/') ? hub : new Uri(hub.AbsoluteUri + "/");

    private static string? Num(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Join(IEnumerable<string>? values)
    {
        var list = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();
        return list is null || list.Count == 0 ? null : string.Join(',', list);
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
