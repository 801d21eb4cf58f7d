namespace Cyclone.EndToEnd.Tests.Dashboard;

/// <summary>
/// A test that drives Debian's Chromium. Without it the test is skipped and says why, unless
/// <c>CYCLONE_REQUIRE_SERVICES=1</c>: then it runs, installs Chromium when it can (as root) and fails when it cannot.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (DashboardBrowser.Missing is { } missing && !DashboardBrowser.Required)
        {
            Skip = $"SKIPPED, NOT RUN: {missing}. Set CYCLONE_REQUIRE_SERVICES=1 (as root) to install it and run these tests.";
        }
    }
}
