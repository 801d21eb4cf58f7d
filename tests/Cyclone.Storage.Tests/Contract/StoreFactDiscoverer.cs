using Cyclone.Tests.Shared;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cyclone.Storage.Tests.Contract;

/// <summary>Finds <see cref="StoreFactAttribute"/> tests; skips those of a class that needs a missing PostgreSQL, unless services are required.</summary>
public sealed class StoreFactDiscoverer : FactDiscoverer
{
    private readonly IMessageSink _sink;

    public StoreFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink) => _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsPostgresAttribute)).Any()
            && PostgresServer.Missing is { } missing && !PostgresServer.Required)
        {
            var reason = $"SKIPPED: {missing}; CYCLONE_REQUIRE_SERVICES=1 makes this test required";
            Console.Error.WriteLine($"{testMethod.TestClass.Class.Name}.{testMethod.Method.Name}: {reason}");
            return
            [
                new XunitSkippedDataRowTestCase(
                    _sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason),
            ];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
