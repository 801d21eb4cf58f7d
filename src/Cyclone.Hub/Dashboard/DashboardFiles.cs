using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Cyclone.Hub.Dashboard;

/// <summary>
/// Serves the web dashboard (built from <c>dashboard/</c> into <c>dashboard/</c> next to the hub's assembly) at
/// <c>/</c>: its files without a token (they hold no data; every call they make needs one), and <c>index.html</c> for
/// any other path outside <c>/api</c>, <c>/openapi</c>, <c>/healthz</c> and <c>/metrics</c>, so that links into the
/// app work. Hashed assets are cached for a year, <c>index.html</c> never.
/// </summary>
public static class DashboardFiles
{
    /// <summary>Paths that stay the hub's own; a request there never gets the app.</summary>
    private static readonly string[] HubPaths = ["/api", "/openapi", "/healthz", "/metrics"];

    /// <summary>Where the built dashboard is looked for.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard");

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var index = Path.Combine(Directory, "index.html");
        if (!File.Exists(index))
        {
            app.Logger.LogWarning("The dashboard is not built ({Index} is missing): build the hub with npm on the PATH, or run `npm ci && npm run build` in dashboard/", index);
            app.MapGet("/", () => TypedResults.Text("The Cyclone dashboard is not built into this hub: build it with npm on the PATH (see CONTRIBUTING.md). The REST API is at /api/v1, its description at /openapi/v1.json.\n"))
                .AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(Directory);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = c => c.Context.Response.Headers[HeaderNames.CacheControl] =
                c.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
        });
        var page = files.GetFileInfo("index.html");
        app.Use(async (context, next) =>
        {
            if (IsAppPath(context))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                await context.Response.SendFileAsync(page, context.RequestAborted);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>A page of the app: a GET that no endpoint or file answers, outside the hub's own paths and the app's assets.</summary>
    private static bool IsAppPath(HttpContext context)
    {
        var path = context.Request.Path;
        return (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.GetEndpoint() is null
            && !HubPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && !path.StartsWithSegments("/assets");
    }
}
