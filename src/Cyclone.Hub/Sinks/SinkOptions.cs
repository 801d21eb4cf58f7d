using System.ComponentModel.DataAnnotations;
using Cyclone.Core.Parsing;
using MySqlConnector;

namespace Cyclone.Hub.Sinks;

/// <summary>
/// One result sink (configuration section <c>Hub:Sinks:NAME</c>); tasks route results to it by <c>NAME</c>.
/// <see cref="Kind"/> says which of the other settings apply.
/// </summary>
public sealed class SinkOptions
{
    /// <summary><c>MySql</c> (MySQL or MariaDB) or <c>Pushgateway</c>. Required.</summary>
    public SinkKind? Kind { get; set; }

    /// <summary>MySql: the MySqlConnector connection string (<c>Server=...;Database=...;User ID=...;Password=...</c>). Required for MySql.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>MySql: the table rows go to; it must have the key columns and unique key docs/sinks.md shows. Required for MySql.</summary>
    public string? Table { get; set; }

    /// <summary>Pushgateway: its base address, such as <c>http://127.0.0.1:9091</c>. Required for Pushgateway.</summary>
    public string? Url { get; set; }

    /// <summary>Pushgateway: the <c>job</c> grouping label. Default: <c>cyclone</c>.</summary>
    public string Job { get; set; } = "cyclone";

    /// <summary>
    /// Pushgateway: the <c>instance</c> grouping label of a metric that names none itself (a metric's own <c>instance</c>
    /// label wins). Default: none, the name of the agent that ran the task.
    /// </summary>
    public string? Instance { get; set; }

    /// <summary>Pushgateway: <c>POST</c> (replace only the metrics pushed, by name) or <c>PUT</c> (replace the whole group). Default: POST.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Items (rows or metrics) that make a write: a write goes once this many are buffered. 1 to 100,000. Default: 1,000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>A write goes when the oldest buffered item has waited this long, however few there are. 10 ms to 1 h. Default: 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most items held in memory (reading from the hub's store pauses while the sink's destination is down and this many wait);
    /// at least <see cref="BatchSize"/>, at most 10,000,000. Default: 20,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxBufferedItems { get; set; } = 20_000;

    /// <summary>Longest wait between retries of a failed write (they start at 100 ms and double). 100 ms to 10 min. Default: 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks this sink's settings; each problem names <paramref name="name"/>.</summary>
    public IEnumerable<string> Problems(string name)
    {
        var at = $"Hub:Sinks:{name}";
        if (!Tasks.SinkNames.IsName(name))
        {
            yield return $"{at}: '{Excerpt.Of(name)}' is not a sink name (letters, digits and _, not starting with a digit; at most 64)";
        }

        var ranges = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), ranges, validateAllProperties: true);
        foreach (var range in ranges)
        {
            yield return $"{at}:{string.Join(", ", range.MemberNames)}: {range.ErrorMessage}";
        }

        if (MaxBufferedItems < BatchSize)
        {
            yield return $"{at}:MaxBufferedItems ({MaxBufferedItems}) must be at least BatchSize ({BatchSize})";
        }

        if (FlushInterval < TimeSpan.FromMilliseconds(10) || FlushInterval > TimeSpan.FromHours(1))
        {
            yield return $"{at}:FlushInterval must be between 10 ms and 1 hour (is {FlushInterval})";
        }

        if (MaxRetryDelay < TimeSpan.FromMilliseconds(100) || MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            yield return $"{at}:MaxRetryDelay must be between 100 ms and 10 minutes (is {MaxRetryDelay})";
        }

        var problems = Kind switch
        {
            SinkKind.MySql => MySqlProblems(at),
            SinkKind.Pushgateway => PushgatewayProblems(at),
            _ => [$"{at}:Kind is required: MySql or Pushgateway"],
        };
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private IEnumerable<string> MySqlProblems(string at)
    {
        if (!Tasks.SinkNames.IsName(Table))
        {
            yield return $"{at}:Table is required: a table name (letters, digits and _; at most 64)";
        }

        string? connection = null;
        try
        {
            _ = new MySqlConnectionStringBuilder(ConnectionString ?? "");
        }
        catch (ArgumentException ex)
        {
            connection = $"{at}:ConnectionString is not a MySQL connection string: {ex.Message}";
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            connection = $"{at}:ConnectionString is required (Server=...;Database=...;User ID=...)";
        }

        if (connection is not null)
        {
            yield return connection;
        }
    }

    private IEnumerable<string> PushgatewayProblems(string at)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return $"{at}:Url is required: the Pushgateway's http:// or https:// address (is '{Excerpt.Of(Url ?? "")}')";
        }

        if (string.IsNullOrEmpty(Job) || Job.Length > 200)
        {
            yield return $"{at}:Job must be 1 to 200 characters";
        }

        if (Instance is { Length: 0 or > 200 })
        {
            yield return $"{at}:Instance must be 1 to 200 characters when given";
        }

        if (Method is not ("POST" or "PUT"))
        {
            yield return $"{at}:Method must be POST or PUT (is '{Excerpt.Of(Method ?? "")}')";
        }
    }
}
