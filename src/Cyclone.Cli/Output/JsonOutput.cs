using System.Text.Json;
using Cyclone.Protocol.Rest;

namespace Cyclone.Cli.Output;

/// <summary>Writes <c>--json</c> output with the REST API's conventions (<see cref="ApiJson.Options"/>).</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    /// <summary>One value as an indented JSON document on stdout.</summary>
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One value as a single JSON line on stdout (for streams of records).</summary>
    public static void WriteLine<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ApiJson.Options));
}
