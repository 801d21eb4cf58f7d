using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cyclone.Hub.Api;

/// <summary>Declares in the OpenAPI document that every operation needs a bearer token (<c>Authorization: Bearer cyc_...</c>).</summary>
internal sealed class BearerSecurityDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cyc_ and 43 characters",
            Description = "A Cyclone token (cyclone token create). Every call but /healthz needs one.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
