namespace Cyclone.Tests.Shared;

/// <summary>
/// A test that needs a service (<c>mariadb</c>, <c>pushgateway</c>): skipped, saying so loudly, when the service is not
/// installed here, unless <c>CYCLONE_REQUIRE_SERVICES=1</c>, where it runs (its fixture installs the service) and fails
/// without it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ServiceFactAttribute : FactAttribute
{
    public ServiceFactAttribute(string service)
    {
        var missing = service switch
        {
            "mariadb" => MariaDbServer.Missing,
            "pushgateway" => PushgatewayServer.Missing,
            _ => $"unknown service '{service}'",
        };
        if (missing is not null && !ServiceProcess.Required)
        {
            Skip = $"SKIPPED: {missing}; CYCLONE_REQUIRE_SERVICES=1 makes this test required";
            Console.Error.WriteLine(Skip);
        }
    }
}
