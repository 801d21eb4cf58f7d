using System.Net.Http.Headers;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// A real hub in this process: Kestrel on free ports of 127.0.0.1 and a real SQLite store in a temporary directory.
/// It knows the administrator's bootstrap token and makes HTTP clients that send any token.
/// </summary>
internal sealed class InProcessHub : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private InProcessHub(string dataDirectory, Uri rest, Task<int> run, CancellationTokenSource stop)
    {
        DataDirectory = dataDirectory;
        Rest = rest;
        _run = run;
        _stop = stop;
        AdminToken = File.ReadAllText(Path.Combine(dataDirectory, "bootstrap-token")).Trim();
    }

    public string DataDirectory { get; }

    public Uri Rest { get; }

    public string AdminToken { get; }

    /// <summary>Keep the data directory when disposed (to start another hub on it).</summary>
    public bool KeepData { get; set; }

    public static Task<InProcessHub> StartAsync(IReadOnlyDictionary<string, string?>? extra = null) => StartAsync(null, extra);

    /// <summary>Starts a hub on <paramref name="dataDirectory"/> (a new temporary one when null).</summary>
    public static async Task<InProcessHub> StartAsync(string? dataDirectory, IReadOnlyDictionary<string, string?>? extra)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("cyclone-hub-test-").FullName;
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Hub:Port"] = "0",
            ["Hub:GrpcPort"] = "0",
            ["Store:DataDirectory"] = data,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var run = HubApplication.RunAsync(overrides, uri => started.TrySetResult(uri), stop.Token);
        var first = await Task.WhenAny(started.Task, run, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != started.Task)
        {
            throw new InvalidOperationException(first == run ? $"the hub exited with {await run}" : "the hub did not start within 60 s");
        }

        return new InProcessHub(data, await started.Task, run, stop);
    }

    /// <summary>An HTTP client of the REST address that sends <paramref name="token"/> as a bearer token (none when null).</summary>
    public HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = Rest, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        if (KeepData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left behind in the temp directory
        }
    }
}
