using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Storage;
using Cyclone.Storage.Migration;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone hub migrate-store --from sqlite:PATH --to postgres://...</c>: moves an installation's state, history included.</summary>
public static class MigrateStoreCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The SQLite store to copy: sqlite:PATH or the data directory", HelpName = "STORE", Required = true };
        var to = new Option<string>("--to") { Description = "The empty PostgreSQL database to fill: postgres://user:password@host:port/database", HelpName = "STORE", Required = true };
        var command = new Command("migrate-store", "Copy every table of a SQLite store (history included) into an empty PostgreSQL database. Stop the hub first.");
        command.Add(from);
        command.Add(to);
        command.SetAction(async (result, ct) =>
        {
            StoreAddress source, target;
            try
            {
                source = StoreAddress.Parse(result.GetValue(from)!);
                target = StoreAddress.Parse(result.GetValue(to)!);
            }
            catch (FormatException ex)
            {
                ClientAction.Fail($"--from/--to {ex.Message}");
                return 2;
            }

            if (source.SqliteDirectory is null || target.PostgresConnectionString is null)
            {
                ClientAction.Fail("--from must name a SQLite store (sqlite:PATH) and --to a PostgreSQL database (postgres://...)");
                return 2;
            }

            try
            {
                Console.Out.WriteLine($"copying {source.Display} to {target.Display}");
                var started = System.Diagnostics.Stopwatch.StartNew();
                var copied = await StoreCopy.CopyAsync(source.SqliteDirectory, target.PostgresConnectionString, Console.Out.WriteLine, ct);
                Console.Out.WriteLine($"done: {copied.Values.Sum():N0} rows in {started.Elapsed.TotalSeconds:F1} s; start the hub with --store naming {target.Display}");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                ClientAction.Fail($"nothing was migrated: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
