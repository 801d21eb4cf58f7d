using System.Text;

namespace Cyclone.Hub.Tests.Security;

/// <summary>What the REST fuzzer saw: every answer counted by status, and the answers that break a rule, each with its input.</summary>
internal sealed class FuzzReport(int seed)
{
    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly SortedDictionary<string, int> _acceptedBy = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    /// <summary>5xx answers, calls that got no answer, and oversize JSON bodies not refused with 413.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>4xx answers with a body that is not RFC 7807 problem details.</summary>
    public List<string> NotProblemDetails { get; } = [];

    /// <summary>2xx answers to calls that may change something (every method but GET); none may have changed anything.</summary>
    public List<string> Accepted { get; } = [];

    /// <summary>Large bodies on which the hub answered and closed the connection before the client had sent them whole.</summary>
    public List<string> ClosedEarly { get; } = [];

    public void Answer(FuzzEndpoint endpoint, string what, FuzzBody body, int status, string? mediaType, string text)
    {
        Requests++;
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        if (status >= 500)
        {
            Failures.Add($"{status} for {what}\n    answer: {Shorten(text, 400)}");
        }
        else if (body.TooLarge && endpoint.HasJsonBody && status != 413)
        {
            Failures.Add($"{status} (not 413) for an oversize body: {what}");
        }

        if (status is >= 400 and < 500 && text.Length > 0 && mediaType != "application/problem+json")
        {
            NotProblemDetails.Add($"{status} as {mediaType ?? "no content type"} for {what}\n    answer: {Shorten(text, 200)}");
        }

        if (status is >= 200 and < 300 && endpoint.Method != "GET")
        {
            Accepted.Add($"{status} for {what}");
            _acceptedBy[endpoint.ToString()] = _acceptedBy.GetValueOrDefault(endpoint.ToString()) + 1;
        }
    }

    public void NoAnswer(FuzzEndpoint endpoint, string what, FuzzBody body, string error, bool healthy)
    {
        Requests++;
        _statuses[0] = _statuses.GetValueOrDefault(0) + 1;
        var line = $"no answer ({error}; the hub {(healthy ? "still answers /healthz" : "does not answer /healthz")}) for {what}";
        (body.MayBeCutOff(endpoint) && healthy ? ClosedEarly : Failures).Add(line);
    }

    public string Summary(TimeSpan elapsed)
    {
        var statuses = string.Join(", ", _statuses.Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {s.Value}"));
        return $"seed {seed}: {Requests} requests in {elapsed.TotalSeconds:0.0} s; by status: {statuses}; "
            + $"{ClosedEarly.Count} large bodies cut off by the hub; 2xx to calls that may change something (they ignore the body): "
            + string.Join(", ", _acceptedBy.Select(a => $"{a.Key} x{a.Value}"));
    }

    /// <summary>The problems of <paramref name="list"/> for an assertion message, with the seed to reproduce them.</summary>
    public string Describe(IReadOnlyCollection<string> list, string title)
    {
        var text = new StringBuilder($"seed {seed} (set CYCLONE_FUZZ_SEED={seed} to reproduce): {list.Count} {title}:\n");
        foreach (var line in list.Take(40))
        {
            text.Append("  ").AppendLine(line);
        }

        return text.ToString();
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";
}
