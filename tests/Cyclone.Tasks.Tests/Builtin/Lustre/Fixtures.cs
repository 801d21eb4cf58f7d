namespace Cyclone.Tasks.Tests.Builtin.Lustre;

/// <summary>Recorded <c>lfs</c> output (see Fixtures/lustre/README.md for where each file comes from).</summary>
internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lustre", name));
}
