using System.Text.Json;

namespace Cyclone.Protocol.Rest;

/// <summary>An event to record: its name and optional JSON data (what a waiting node receives as <c>data</c>).</summary>
public sealed class EventPushRequest
{
    public string? Name { get; set; }

    public JsonElement? Data { get; set; }
}
