namespace Cyclone.Hub.Tests.Security;

/// <summary>
/// One operation of the REST API as the OpenAPI document describes it: method, path template, parameters, and the
/// properties of its JSON body with their types (none when it has no JSON body).
/// </summary>
internal sealed record FuzzEndpoint(string Method, string Template, IReadOnlyList<FuzzParameter> Parameters, IReadOnlyList<FuzzProperty> BodyProperties)
{
    /// <summary>The one endpoint whose body is a plain task file (one task per line), where most text is a valid file.</summary>
    public bool TakesTaskFile => Template.EndsWith("/workflow/submit", StringComparison.Ordinal);

    /// <summary>Whether the document says the body is JSON (so the 4 MiB limit applies when the hub reads it).</summary>
    public bool HasJsonBody => BodyProperties.Count > 0;

    public override string ToString() => $"{Method} {Template}";
}
