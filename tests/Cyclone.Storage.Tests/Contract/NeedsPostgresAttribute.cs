namespace Cyclone.Storage.Tests.Contract;

/// <summary>Marks a test class whose tests need a PostgreSQL server (see <see cref="StoreFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsPostgresAttribute : Attribute;
