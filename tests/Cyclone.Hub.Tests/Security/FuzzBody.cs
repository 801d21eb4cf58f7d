using System.Text;

namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// One request body the fuzzer sends: what kind of garbage it is, its bytes, the content type it claims (none when null),
/// how it goes on the wire, and whether an endpoint that reads JSON must refuse it for its size (413) rather than for its content.
/// </summary>
internal sealed record FuzzBody(string Kind, byte[] Content, string? ContentType, FuzzFraming Framing = FuzzFraming.Length, bool TooLarge = false)
{
    public static FuzzBody Text(string kind, string text, string? contentType = "application/json") =>
        new(kind, Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>
    /// Large enough that the hub may answer before it has the body whole (the endpoint ignores it, or refuses its size) and close
    /// the connection; the client, still sending, then reports a broken connection instead of the answer. Not so when the
    /// client waits for "100 Continue" and the answer is a refusal (as for every body too large for an endpoint that reads JSON).
    /// </summary>
    public bool MayBeCutOff(FuzzEndpoint endpoint) => Content.Length >= 1 << 20 && !(Framing == FuzzFraming.ExpectContinue && endpoint.HasJsonBody);

    /// <summary>What the body is, for an assertion message: its kind, size, framing, content type and first bytes, escaped.</summary>
    public override string ToString()
    {
        var head = Content.AsSpan(0, Math.Min(Content.Length, 160));
        var shown = new StringBuilder();
        foreach (var b in head)
        {
            shown.Append(b is >= 0x20 and < 0x7f && b != '\\' ? (char)b : $"\\x{b:x2}");
        }

        var framing = Framing == FuzzFraming.Length ? "" : $", {Framing}";
        return $"{Kind} ({Content.Length} bytes{framing}, {ContentType ?? "no content type"}): {shown}{(Content.Length > head.Length ? "…" : "")}";
    }
}
