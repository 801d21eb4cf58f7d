using System.Diagnostics;
using Cyclone.EndToEnd.Tests.Cluster;
using Microsoft.Playwright;

namespace Cyclone.EndToEnd.Tests.Dashboard;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright, headless, one page per test. Playwright's own
/// browser download is never used. Screenshots go to <c>TestResults/dashboard/</c> of the checkout.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public static bool Required => Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    /// <summary>Why Chromium cannot be had here, or null when it is installed.</summary>
    public static string? Missing => File.Exists(Executable) ? null : $"Chromium is not installed ({Executable}; apt-get install -y chromium)";

    /// <summary>Where screenshots of the views are kept.</summary>
    public static string Screenshots { get; } = Path.Combine(CliPaths.Repository, "TestResults", "dashboard");

    public IPage Page { get; }

    public static async Task<DashboardBrowser> StartAsync()
    {
        if (Missing is not null && Required && Environment.UserName == "root")
        {
            using var install = Process.Start(new ProcessStartInfo("apt-get", ["install", "-y", "-q", "chromium"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await install.StandardOutput.ReadToEndAsync() + await install.StandardError.ReadToEndAsync();
            await install.WaitForExitAsync();
            Assert.True(install.ExitCode == 0, $"apt-get install chromium failed:\n{output}");
        }

        Assert.True(Missing is null, Missing);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(90_000); // generous: the machine may be busy; every wait still ends at its condition
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>Signs the administrator in with the link <c>cyclone up</c> prints, and checks the token left the address bar.</summary>
    public async Task SignInAsync(TestCluster cluster)
    {
        await Page.GotoAsync($"{cluster.HubUrl}/#token={Uri.EscapeDataString(cluster.AdminToken)}");
        await Assertions.Expect(Page.Locator(".whoami")).ToContainTextAsync("admin (admin)");
        Assert.DoesNotContain("token", Page.Url, StringComparison.Ordinal);
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");
    }

    /// <summary>Fails when the page was reloaded since <see cref="SignInAsync"/>: what it shows arrived live.</summary>
    public async Task AssertNotReloadedAsync() =>
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");

    /// <summary>Moves to another view the way a user does: through the navigation, without a page load.</summary>
    public Task NavigateAsync(string section) => Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();

    /// <summary>Opens a path of the app in the same document (as its own links do).</summary>
    public Task GoAsync(string path) =>
        Page.EvaluateAsync("p => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }", path);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
