using Cyclone.Storage;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Hub.Tests.Hosting;

public sealed class StoreOptionTests
{
    [Theory]
    [InlineData("sqlite:/var/lib/cyclone", "/var/lib/cyclone")]
    [InlineData("/srv/cyclone-data", "/srv/cyclone-data")]
    public void A_sqlite_store_or_a_plain_path_names_the_sqlite_data_directory(string value, string directory)
    {
        var address = StoreAddress.Parse(value);

        Assert.Equal((directory, null), (address.SqliteDirectory, address.PostgresConnectionString));
        Assert.Equal($"sqlite:{directory}", address.Display);
    }

    [Fact]
    public void A_postgres_url_becomes_a_connection_string_and_is_displayed_without_its_password()
    {
        var address = StoreAddress.Parse("postgres://hub:s%40cret@db.example:6543/cyclone?Timeout=7");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(address.PostgresConnectionString);
        Assert.Equal(("db.example", 6543, "cyclone", "hub", "s@cret", 7), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.Timeout));
        Assert.Equal("postgres://db.example:6543/cyclone", address.Display);
        Assert.Null(address.SqliteDirectory);
    }

    [Fact]
    public void An_npgsql_connection_string_is_taken_as_it_is()
    {
        var address = StoreAddress.Parse("Host=127.0.0.1;Port=5433;Database=c;Username=u");

        Assert.Equal("postgres://127.0.0.1:5433/c", address.Display);
    }

    [Theory]
    [InlineData("mysql://root@db/cyclone", "unknown kind of store 'mysql://'")]
    [InlineData("postgres://hub:topsecret@db/cyclone?NoSuchSetting=1", "unknown setting 'NoSuchSetting'")]
    [InlineData("postgres:///cyclone", "without a host")]
    [InlineData("sqlite:", "needs the path")]
    public void A_store_the_hub_cannot_use_is_a_problem_naming_the_option_and_never_the_password(string value, string said)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Hub:Store", (string?)value)]).Build();

        Assert.Null(HubApplication.ReadOptions(configuration, out var problems));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Hub:Store (--store) ", problem, StringComparison.Ordinal);
        Assert.Contains(said, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_store_option_the_hub_keeps_sqlite_in_its_data_directory()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Null(HubApplication.ReadOptions(configuration, out _)!.Store);
    }
}
