using System.Text.Json.Nodes;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Sinks;

/// <summary>A stored result set with its items read: item <c>i</c> of <see cref="Items"/> is (task, attempt, i) for ever.</summary>
public sealed record SinkSet(ResultRecord Record, JsonArray Items);
