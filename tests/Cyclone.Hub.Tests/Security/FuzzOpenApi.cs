using System.Text.Json.Nodes;

namespace Cyclone.Hub.Tests.Security;

/// <summary>Reads every operation of the hub's OpenAPI document, so that a new endpoint is fuzzed without anyone listing it.</summary>
internal static class FuzzOpenApi
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<FuzzEndpoint>> ReadAsync(HttpClient admin)
    {
        var doc = JsonNode.Parse(await admin.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!;
        var schemas = doc["components"]?["schemas"]?.AsObject() ?? [];
        var endpoints = new List<FuzzEndpoint> { new("GET", "/openapi/v1.json", [], []) }; // the document itself is not in it
        foreach (var (template, operations) in doc["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (operations![method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => new FuzzParameter(
                    (string)p!["name"]!, (string)p["in"]!, (bool?)p["required"] ?? false, TypeOf(p["schema"]))).ToList();
                var reference = (string?)operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"];
                var body = reference is null ? [] : PropertiesOf(schemas[reference.Split('/')[^1]]);
                endpoints.Add(new FuzzEndpoint(method.ToUpperInvariant(), template, parameters, body));
            }
        }

        return endpoints;
    }

    private static List<FuzzProperty> PropertiesOf(JsonNode? schema) =>
        (schema?["properties"]?.AsObject() ?? []).Select(p => new FuzzProperty(p.Key, TypeOf(p.Value))).ToList();

    /// <summary>The type that matters: "integer" wins over the "string" the document adds for numbers read from strings; "null" never counts.</summary>
    private static string TypeOf(JsonNode? schema)
    {
        var types = schema?["type"] switch
        {
            JsonArray list => list.Select(t => (string)t!).ToList(),
            JsonValue one => [(string)one!],
            _ => [],
        };
        foreach (var type in new[] { "integer", "boolean", "array", "object", "string" })
        {
            if (types.Contains(type))
            {
                return type;
            }
        }

        return "any";
    }
}
