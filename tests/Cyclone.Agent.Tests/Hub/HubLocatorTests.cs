using System.Net;
using Cyclone.Agent.Hub;

namespace Cyclone.Agent.Tests.Hub;

public sealed class HubLocatorTests
{
    [Theory]
    [InlineData("http://hub-a:5080/api/v1/runners/register", "http://hub-a:5080/")]
    [InlineData("https://hub-a.example/cyclone/api/v1/runners/register", "https://hub-a.example/cyclone/")]
    public void A_standbys_redirect_of_a_registration_names_the_active_hubs_rest_address(string location, string active)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri(location) } };

        Assert.Equal(new Uri(active), HubLocator.ActiveHubOf(response));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "http://hub-a:5080/api/v1/runners/register")]
    [InlineData(HttpStatusCode.TemporaryRedirect, "http://hub-a:5080/login")]
    [InlineData(HttpStatusCode.Found, "http://hub-a:5080/api/v1/runners/register")]
    public void Any_other_answer_names_no_active_hub(HttpStatusCode status, string location)
    {
        using var response = new HttpResponseMessage(status) { Headers = { Location = new Uri(location) } };

        Assert.Null(HubLocator.ActiveHubOf(response));
    }
}
