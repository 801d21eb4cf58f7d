using System.Net;
using System.Text.Json.Nodes;
using Cyclone.Hub.Tests.Security;

namespace Cyclone.Hub.Tests.Operations;

/// <summary>?sort= and ?order= of the job list.</summary>
public sealed partial class OperatorEndpointTests
{
    private static async Task<long[]> ListedAsync(HttpClient http, string query) =>
        [.. JsonNode.Parse(await http.GetStringAsync(Path($"api/v1/jobs?{query}")))!["items"]!.AsArray().Select(j => (long)j!["id"]!)];

    [Fact]
    public async Task The_job_list_is_sorted_by_the_column_and_order_asked_for()
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);
        var bravo = await SubmitAsync(admin, new { command = TrueCommand, name = "bravo" });
        var alpha = await SubmitAsync(admin, new { command = TrueCommand, name = "alpha" });
        var charlie = await SubmitAsync(admin, new { command = TrueCommand, name = "charlie" });

        Assert.Equal([charlie, alpha, bravo], await ListedAsync(admin, ""));
        Assert.Equal([alpha, bravo, charlie], await ListedAsync(admin, "sort=name"));
        Assert.Equal([charlie, bravo, alpha], await ListedAsync(admin, "sort=name&order=desc"));
        Assert.Equal([bravo, alpha, charlie], await ListedAsync(admin, "sort=submitted&order=asc"));
        Assert.Equal([bravo, alpha, charlie], await ListedAsync(admin, "sort=id-asc"));
        Assert.Equal([bravo, alpha], await ListedAsync(admin, "sort=id&order=asc&limit=2"));
    }

    [Theory]
    [InlineData("sort=priority", "sort", "must be one of id, name, user, state, submitted, started, ended")]
    [InlineData("sort=name&order=up", "order", "must be asc or desc")]
    [InlineData("sort=NAME", "sort", "'NAME' must be one of")]
    public async Task A_bad_sort_or_order_is_a_problem_naming_the_parameter_and_the_allowed_values(string query, string parameter, string detail)
    {
        await using var hub = await InProcessHub.StartAsync();
        using var admin = hub.Http(hub.AdminToken);

        using var response = await admin.GetAsync(Path($"api/v1/jobs?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"Invalid query parameter '{parameter}'", (string?)problem["title"]);
        Assert.Contains(detail, (string?)problem["detail"], StringComparison.Ordinal);
    }
}
