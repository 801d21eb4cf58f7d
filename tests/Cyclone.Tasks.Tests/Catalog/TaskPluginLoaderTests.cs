using Cyclone.Tasks.Catalog;
using Cyclone.Tasks.Tests.Plugins;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Catalog;

public sealed class TaskPluginLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cyclone-plugins-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_that_is_not_an_assembly_is_skipped_with_a_warning_and_the_builtins_stay()
    {
        File.WriteAllText(Path.Combine(_directory, "x.dll"), "not an assembly");
        var result = TaskPluginLoader.LoadDirectory(_directory);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("x.dll", warning, StringComparison.Ordinal);
        Assert.Contains("not a .NET assembly", warning, StringComparison.Ordinal);
        Assert.Equal(TaskCatalog.Builtin.Kinds.Select(k => k.Kind), result.Catalog.Kinds.Select(k => k.Kind));
    }

    [Fact]
    public async Task The_task_classes_of_every_assembly_in_the_directory_are_added_to_the_builtins()
    {
        var fit = TaskAssemblyEmitter.Save(_directory, "lab.Fit");
        var plot = TaskAssemblyEmitter.Save(_directory, "lab.Plot", "lab.Table");
        File.WriteAllText(Path.Combine(_directory, "readme.txt"), "not a dll, not looked at");

        var (catalog, warnings) = TaskPluginLoader.LoadDirectory(_directory);
        Assert.Empty(warnings);
        Assert.Equal(TaskCatalog.Builtin.Kinds.Count + 3, catalog.Kinds.Count);
        Assert.Equal($"Emitted.Task0, {fit}", catalog.Find("lab.Fit")!.TaskClass);
        Assert.Equal($"Emitted.Task1, {plot}", catalog.Find("lab.Table")!.TaskClass);
        var outputs = await catalog.Create("lab.Plot")!.RunAsync(Context([]), CancellationToken.None);
        Assert.Equal("lab.Plot", outputs["kind"]!.GetValue<string>());

        var again = TaskPluginLoader.LoadDirectory(_directory);
        Assert.Empty(again.Warnings);
        Assert.Equal(catalog.Kinds.Select(k => k.TaskClass), again.Catalog.Kinds.Select(k => k.TaskClass));
    }

    [Fact]
    public void Copies_of_the_hosts_own_assemblies_next_to_a_plugin_are_not_loaded_again()
    {
        TaskAssemblyEmitter.Save(_directory, "lab.Fit");
        foreach (var host in new[] { typeof(TaskCatalog).Assembly, typeof(Core.Workflows.ValueTypes).Assembly, typeof(GreetTask).Assembly })
        {
            File.Copy(host.Location, Path.Combine(_directory, Path.GetFileName(host.Location)));
        }

        var result = TaskPluginLoader.LoadDirectory(_directory);
        Assert.Empty(result.Warnings);
        Assert.NotNull(result.Catalog.Find("lab.Fit"));
        Assert.Null(result.Catalog.Find("test.Greet"));
    }

    [Fact]
    public void An_assembly_redefining_a_kind_is_skipped_with_a_warning_naming_both_classes()
    {
        var builtin = TaskAssemblyEmitter.Save(_directory, "math.Add");
        TaskAssemblyEmitter.Save(_directory, "lab.Fit");

        var result = TaskPluginLoader.LoadDirectory(_directory);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"{builtin}.dll", warning, StringComparison.Ordinal);
        Assert.Contains("Cyclone.Tasks.Builtin.Math.AddTask", warning, StringComparison.Ordinal);
        Assert.NotNull(result.Catalog.Find("lab.Fit"));
        Assert.Equal("Cyclone.Tasks.Builtin.Math.AddTask, Cyclone.Tasks", result.Catalog.Find("math.Add")!.TaskClass);
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_a_warning_and_leaves_the_builtins()
    {
        var missing = Path.Combine(_directory, "nope");
        var result = TaskPluginLoader.LoadDirectory(missing);
        Assert.Contains(missing, Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Same(TaskCatalog.Builtin, result.Catalog);
    }

    [Fact]
    public void The_catalog_loads_a_directory_the_same_way()
    {
        File.WriteAllText(Path.Combine(_directory, "x.dll"), "not an assembly");
        var (catalog, warnings) = TaskCatalog.LoadDirectory(_directory);
        Assert.Single(warnings);
        Assert.NotNull(catalog.Find("math.Add"));
    }
}
