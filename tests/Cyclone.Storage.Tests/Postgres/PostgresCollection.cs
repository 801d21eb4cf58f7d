namespace Cyclone.Storage.Tests.Postgres;

/// <summary>The test classes that share one PostgreSQL server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
