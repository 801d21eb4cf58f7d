using System.Net;
using System.Text.Json;
using Cyclone.Hub.Hosting;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cyclone.Hub.HighAvailability;

/// <summary>
/// What a standby hub serves on its REST port until it becomes active: <c>/healthz</c> says it stands by (and names the
/// active hub), and every other call is redirected (307, the same method and body) to the active hub's URL, or answered 503
/// with <c>Retry-After</c> while no hub is active. Every answer carries <c>Cyclone-Hub-Role: standby</c>. It takes no agents
/// (the gRPC port stays closed) and touches no state: it knows no tokens, so it redirects without looking at one.
/// </summary>
internal sealed class StandbyServer : IAsyncDisposable
{
    /// <summary>The response header that marks a standby's answer.</summary>
    public const string RoleHeader = "Cyclone-Hub-Role";

    private readonly WebApplication _app;

    private StandbyServer(WebApplication app)
    {
        _app = app;
    }

    public static async Task<StandbyServer> StartAsync(HubOptions options, HubCertificate? certificate, HubElection election, string ownUrl, CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ConfigureCycloneConsole();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            var ip = options.BindAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.BindAddress);
            k.Listen(ip, options.Port, o =>
            {
                o.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                certificate?.Serve(o);
            });
        });
        var app = builder.Build();
        app.Run(context => AnswerAsync(context, election, ownUrl));
        await app.StartAsync(ct);
        return new StandbyServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static Task AnswerAsync(HttpContext context, HubElection election, string ownUrl)
    {
        var response = context.Response;
        response.Headers[RoleHeader] = "standby";
        var active = election.KnownActive?.Url is { } url && !SameHub(url, ownUrl) ? url.TrimEnd('/') : null;
        if (context.Request.Path == "/healthz")
        {
            return WriteJsonAsync(context, StatusCodes.Status200OK, "application/json", new HealthDto("standby", HubEndpointInfo.Version, 0) { Role = "standby", Active = active });
        }

        if (active is null)
        {
            response.Headers.RetryAfter = "1";
            return WriteJsonAsync(context, StatusCodes.Status503ServiceUnavailable, "application/problem+json", new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                title = "Standby hub",
                status = StatusCodes.Status503ServiceUnavailable,
                detail = "this hub is a standby and no hub is active right now (a standby takes over within seconds); try again shortly or use another hub",
            });
        }

        response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        response.Headers.Location = active + context.Request.Path.Value + context.Request.QueryString.Value;
        return Task.CompletedTask;
    }

    private static bool SameHub(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static async Task WriteJsonAsync(HttpContext context, int status, string contentType, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), ApiJson.Options, context.RequestAborted);
    }
}
