using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Cyclone.Client;

/// <summary>Turns an error answer (RFC 7807 problem details, or anything else) into a <see cref="CycloneApiException"/>.</summary>
internal static class ProblemReader
{
    public static async Task<CycloneApiException> ReadAsync(HttpResponseMessage response, string? notFound, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        string? title = null;
        string? detail = null;
        var errors = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                title = Text(root, "title");
                detail = Text(root, "detail");
                if (root.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errs.EnumerateObject())
                    {
                        var messages = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(m => m.ToString())
                            : [field.Value.ToString()];
                        errors.AddRange(messages.Select(m => string.IsNullOrEmpty(field.Name) ? m : $"{field.Name}: {m}"));
                    }
                }
            }
        }
        catch (JsonException)
        {
            detail = string.IsNullOrWhiteSpace(body) ? null : Truncate(body.Trim(), 300);
        }

        var status = response.StatusCode;
        var message = status == HttpStatusCode.NotFound && notFound is not null
            ? notFound
            : Compose(status, response.ReasonPhrase, title, detail, errors);
        return new CycloneApiException(status, title, detail, message);
    }

    private static string Compose(HttpStatusCode status, string? reason, string? title, string? detail, List<string> errors)
    {
        var text = new StringBuilder();
        text.Append(title ?? $"the hub answered {(int)status} {reason}".TrimEnd());
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text.Append(": ").Append(detail);
        }

        if (errors.Count > 0)
        {
            text.Append(": ").Append(string.Join("; ", errors));
        }

        if (title is not null && status is not HttpStatusCode.BadRequest and not HttpStatusCode.UnprocessableEntity)
        {
            text.Append(CultureInfo.InvariantCulture, $" (HTTP {(int)status})");
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            text.Append("; log in with 'cyclone login --hub URL' or set CYCLONE_TOKEN");
        }

        return text.ToString();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
