using Xunit.Sdk;

namespace Cyclone.Storage.Tests.Contract;

/// <summary>
/// A contract test: a plain fact, but skipped (with the reason, loudly) in a test class marked <see cref="NeedsPostgresAttribute"/>
/// where PostgreSQL is missing and <c>CYCLONE_REQUIRE_SERVICES=1</c> is not set. With it set, such tests run and fail with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Cyclone.Storage.Tests.Contract.StoreFactDiscoverer", "Cyclone.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
