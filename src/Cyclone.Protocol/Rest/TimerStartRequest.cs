using System.Text.Json;

namespace Cyclone.Protocol.Rest;

/// <summary>
/// A timer to start: exactly one of <see cref="In"/> (once, after a duration such as <c>10m</c>),
/// <see cref="Every"/> (an interval) or <see cref="Cron"/> (five fields, UTC); and exactly one action:
/// push <see cref="Event"/> (with <see cref="Data"/>) or run <see cref="Workflow"/>.
/// </summary>
public sealed class TimerStartRequest
{
    public string? In { get; set; }

    public string? Every { get; set; }

    public string? Cron { get; set; }

    public string? Event { get; set; }

    public JsonElement? Data { get; set; }

    public string? Workflow { get; set; }
}
