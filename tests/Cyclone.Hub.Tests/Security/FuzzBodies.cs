using System.Text;
using static Cyclone.Hub.Tests.Security.FuzzInputs;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// The bodies thrown at one endpoint. Every body is invalid by construction, so none may change anything: it is not
/// JSON, or not an object, or too deep, or too large, or a JSON object in which a property the endpoint reads has the
/// wrong type, or (all types right) holds a value no check accepts (see <see cref="HostileObject"/>).
/// </summary>
internal static class FuzzBodies
{
    /// <summary>Random bodies per endpoint, on top of the fixed ones.</summary>
    public const int RandomPerEndpoint = 18;

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream",
        "application/json; charset=bogus-8", "application/json; charset=utf-16", "application/json; charset=\"", "application/json;;;=",
        "application/problem+json", "*/*", "json",
    ];

    private static readonly string[] NotObjects = ["[]", "[{}]", "\"a string\"", "42", "-1", "1e400", "true", "null", "[null]", "\"\"", "[[[]]]"];

    private static readonly byte[] InvalidUtf8 = [0xC0, 0xAF, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xE2, 0x28, 0xA1];

    public static IEnumerable<FuzzBody> For(FuzzEndpoint endpoint, IReadOnlyList<FuzzProperty> fallback, Random rng)
    {
        var props = endpoint.HasJsonBody ? endpoint.BodyProperties : fallback;
        var bodies = Fixed(props, rng).Concat(Enumerable.Range(0, RandomPerEndpoint).Select(_ => Random(props, rng)));
        return endpoint.TakesTaskFile ? bodies.Select(SpoilTaskFile) : bodies;
    }

    private static IEnumerable<FuzzBody> Fixed(IReadOnlyList<FuzzProperty> props, Random rng)
    {
        yield return new FuzzBody("no body", [], null);
        yield return FuzzBody.Text("empty JSON body", "");
        yield return FuzzBody.Text("10,000 nested arrays", Nest("[", "", "]", 10_000));
        yield return FuzzBody.Text("10,000 nested objects", Nest("{\"a\":", "1", "}", 10_000));
        yield return FuzzBody.Text("10,000 nested arrays in a property", $"{{{Quote(Pick(props, rng).Name)}:{Nest("[", "", "]", 10_000)}}}");
        yield return FuzzBody.Text("100,000 unclosed brackets", new string('[', 100_000));
        // JSON the reader must read past the limit to find fault with (a wrong type after the padding)
        var huge = Encoding.UTF8.GetBytes($"{{\"x-padding\":\"{new string('x', 5 << 20)}\",{WrongTypes(props, rng)[1..]}");
        foreach (var framing in Enum.GetValues<FuzzFraming>())
        {
            yield return new FuzzBody("a 5 MiB string property (over the 4 MiB limit)", huge, "application/json", framing, TooLarge: true);
        }

        yield return new FuzzBody("5 MiB of random bytes (over the limit, but not JSON from the first byte)", RandomBytes(rng, 5 << 20), "application/json", FuzzFraming.Chunked);
        var typed = props.Where(p => p.Type != "any").ToList();
        var numbers = string.Join(',', Enumerable.Range(0, 400_000).Select(i => i % 1000));
        yield return FuzzBody.Text("a property holding a 1.5 MB array of numbers", $"{{{Quote(Pick(typed, rng).Name)}:[{numbers}]}}");
        yield return FuzzBody.Text("JSON that is not an object", NotObjects[rng.Next(NotObjects.Length)]);
        yield return FuzzBody.Text("JSON that is not an object", NotObjects[rng.Next(NotObjects.Length)]);
        yield return new FuzzBody("byte order mark, then a wrong type", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(WrongTypes(props, rng))], "application/json");
        yield return new FuzzBody("NUL bytes", [0, 0, 0, (byte)'{', (byte)'}', 0], "application/json");
        var text = props.FirstOrDefault(p => p.Type == "string") ?? new FuzzProperty("name", "string");
        yield return new FuzzBody("invalid UTF-8 in a string, then a wrong type",
            [.. Encoding.UTF8.GetBytes($"{{{Quote(text.Name)}:\""), .. InvalidUtf8, .. Encoding.UTF8.GetBytes($"\",{WrongTypes(props, rng)[1..]}")], "application/json");
        for (var i = 0; i < 3; i++)
        {
            yield return FuzzBody.Text("a wrong type, under a wrong content type", WrongTypes(props, rng), WrongContentTypes[rng.Next(WrongContentTypes.Length)]);
        }
    }

    private static FuzzBody Random(IReadOnlyList<FuzzProperty> props, Random rng) => rng.Next(6) switch
    {
        0 => new FuzzBody("random bytes", RandomBytes(rng, rng.Next(1, 4096)), "application/json"),
        1 => Truncated(props, rng),
        2 => FuzzBody.Text("properties of the wrong type", WrongTypes(props, rng)),
        3 => FuzzBody.Text("hostile values of the right types", HostileObject(props, rng)),
        4 => FuzzBody.Text("numbers out of range", OutOfRange(props, rng)),
        _ => Garbage(rng),
    };

    /// <summary>A valid-looking body cut short: a strict prefix of a JSON object is never JSON.</summary>
    private static FuzzBody Truncated(IReadOnlyList<FuzzProperty> props, Random rng)
    {
        var whole = "{" + string.Join(',', props.Select(p => $"{Quote(p.Name)}:{Sample(p.Type)}")) + "}";
        return FuzzBody.Text("truncated JSON", whole[..rng.Next(whole.Length)]);
    }

    private static string Sample(string type) => type switch
    {
        "integer" => "1",
        "boolean" => "true",
        "array" => "[\"fuzz\"]",
        "object" => "{\"k\":\"v\"}",
        "any" => "{\"a\":[1,2,{\"b\":null}]}",
        _ => "\"fuzz\"",
    };

    /// <summary>An object where one to three properties the endpoint reads have the wrong type, among random other properties.</summary>
    private static string WrongTypes(IReadOnlyList<FuzzProperty> props, Random rng)
    {
        var typed = props.Where(p => p.Type != "any").ToList();
        var members = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Pick(typed, rng)).DistinctBy(p => p.Name)
            .Select(p => $"{Quote(p.Name)}:{WrongTypeFor(p.Type, rng)}")
            .Concat(Enumerable.Range(0, rng.Next(5)).Select(i => $"{Quote($"x-extra-{i}")}:{AnyJson(rng, 3)}"))
            .OrderBy(_ => rng.Next()).ToList();
        return "{" + string.Join(',', members) + "}";
    }

    /// <summary>
    /// Every property, each of its right type but hostile: strings with a character no check allows, integers of zero
    /// or less, lists and maps holding nulls. No request of the hub is valid like that: a job needs nodes &gt;= 1, a runner
    /// slots &gt;= 1, a timer exactly one schedule, a kind exactly one of command or task class, a user or event a clean
    /// name, a token a known role.
    /// </summary>
    private static string HostileObject(IReadOnlyList<FuzzProperty> props, Random rng) =>
        "{" + string.Join(',', props.Select(p => $"{Quote(p.Name)}:{HostileValue(p.Type, rng)}")) + "}";

    private static string HostileValue(string type, Random rng) => type switch
    {
        "integer" => new[] { "-1", "0", "-2147483648" }[rng.Next(3)],
        "boolean" => rng.Next(2) == 0 ? "true" : "false",
        "array" => rng.Next(8) == 0
            ? "[" + string.Join(',', Enumerable.Range(0, 10_000).Select(_ => Quote(HostileString(rng, mayBeLong: false)))) + "]"
            : $"[null,{Quote(HostileString(rng))}]",
        "object" => $"{{\"k\":null,{Quote(HostileString(rng, mayBeLong: false))}:{Quote(HostileString(rng))}}}",
        "any" => AnyJson(rng),
        _ => Quote(HostileString(rng)),
    };

    /// <summary>Integer properties given numbers no integer holds (or else another property given a number, its wrong type).</summary>
    private static string OutOfRange(IReadOnlyList<FuzzProperty> props, Random rng)
    {
        var integers = props.Where(p => p.Type == "integer").ToList();
        if (integers.Count == 0)
        {
            var other = Pick(props.Where(p => p.Type != "any").ToList(), rng);
            return $"{{{Quote(other.Name)}:{BadIntegers[rng.Next(NumericBadIntegers)]}}}";
        }

        return "{" + string.Join(',', integers.Select(p => $"{Quote(p.Name)}:{BadIntegers[rng.Next(BadIntegers.Length)]}")) + "}";
    }

    /// <summary>Hostile text that is not JSON.</summary>
    private static FuzzBody Garbage(Random rng)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, rng.Next(1, 20)).Select(_ => HostileString(rng, mayBeLong: false))));
        return new FuzzBody("unicode garbage", IsJson(bytes) ? [(byte)'}', .. bytes] : bytes, "application/json");
    }

    /// <summary>Most text is a valid task file; a first line without a command makes every body an invalid one.</summary>
    private static FuzzBody SpoilTaskFile(FuzzBody body) => body.Content.Length == 0
        ? body
        : body with { Kind = body.Kind + ", after a task line without a command", Content = [.. "lonely\n"u8, .. body.Content] };

    private static FuzzProperty Pick(IReadOnlyList<FuzzProperty> props, Random rng) => props[rng.Next(props.Count)];
}
