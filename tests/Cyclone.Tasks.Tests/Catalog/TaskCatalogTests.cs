using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Tasks.Catalog;
using Cyclone.Tasks.Tests.Plugins;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Catalog;

public sealed class TaskCatalogTests
{
    /// <summary>Ports written as <c>name:type</c>, with <c>[]</c> after the type of a multi input.</summary>
    private static string Ports(IEnumerable<WorkflowPort> ports) =>
        string.Join(",", ports.Select(p => $"{p.Name}:{p.Type ?? "any"}{(p.Multi ? "[]" : "")}"));

    [Theory]
    [InlineData("math.Add", "Math.AddTask", "input:number[]", "result:number")]
    [InlineData("math.Multiply", "Math.MultiplyTask", "input:number[]", "result:number")]
    [InlineData("math.Subtract", "Math.SubtractTask", "minuend:number[],subtrahend:number[]", "result:number")]
    [InlineData("math.Divide", "Math.DivideTask", "dividend:number[],divisor:number[]", "result:number")]
    [InlineData("math.Modulo", "Math.ModuloTask", "dividend:number[],divisor:number[]", "result:number")]
    [InlineData("math.Power", "Math.PowerTask", "base:number[],exponent:number[]", "result:number")]
    [InlineData("math.Root", "Math.RootTask", "radicand:number,degree:number", "result:number")]
    [InlineData("math.Negate", "Math.NegateTask", "input:number", "result:number")]
    [InlineData("math.Absolute", "Math.AbsoluteTask", "input:number", "result:number")]
    [InlineData("types.Integer", "Types.IntegerTask", "", "int:integer")]
    [InlineData("types.Float", "Types.FloatTask", "", "float:number")]
    [InlineData("types.String", "Types.StringTask", "", "str:string")]
    [InlineData("types.Boolean", "Types.BooleanTask", "", "bool:boolean")]
    [InlineData("fs.benchmark", "FileSystem.FsBenchmarkTask", "directory:string,size_mib:integer,block_kib:integer,metadata_files:integer", "write_mib_per_s:number,read_mib_per_s:number,metadata_ops_per_s:number")]
    [InlineData("fs.create-check", "FileSystem.FsCreateCheckTask", "directories:any,timeout_seconds:number", "results:array,slowest_ms:number")]
    [InlineData("lustre.ost-monitor", "Lustre.OstMonitorTask", "path:string,osts:string,lfs:string", "osts:array,mdts:array,summary:object")]
    [InlineData(
        "lustre.ost-migrate",
        "Lustre.OstMigrateTask",
        "path:string,osts:string,stripe_count:integer,target_osts:string,start_ost:integer,min_size:string,max_files:integer,parallelism:integer,dry_run:boolean,lfs:string",
        "found:integer,migrated:integer,failed:integer")]
    [InlineData("shell", "Shell.ShellTask", "command:string,working_directory:string,environment:object,timeout_seconds:number", "exit_code:integer,stdout:string,stderr:string")]
    public void Every_builtin_is_found_with_its_ports_and_its_class(string kind, string type, string inputs, string outputs)
    {
        var info = TaskCatalog.Builtin.Find(kind);
        Assert.NotNull(info);
        Assert.Equal(kind, info.Kind);
        Assert.Equal(inputs, Ports(info.Inputs));
        Assert.Equal(outputs, Ports(info.Outputs));
        Assert.Equal($"Cyclone.Tasks.Builtin.{type}, Cyclone.Tasks", info.TaskClass);
        Assert.Null(info.CommandTemplate);
        var resolved = Type.GetType(info.TaskClass!, throwOnError: true)!;
        Assert.True(typeof(ICycloneTask).IsAssignableFrom(resolved));
        Assert.IsType(resolved, TaskCatalog.Builtin.Create(kind));
    }

    [Fact]
    public void The_builtin_catalog_lists_its_kinds_by_name()
    {
        Assert.Equal(
            ["fs.benchmark", "fs.create-check", "lustre.ost-migrate", "lustre.ost-monitor",
             "math.Absolute", "math.Add", "math.Divide", "math.Modulo", "math.Multiply", "math.Negate", "math.Power", "math.Root", "math.Subtract",
             "noop", "shell", "sleep", "types.Boolean", "types.Float", "types.Integer", "types.String"],
            TaskCatalog.Builtin.Kinds.Select(k => k.Kind));
    }

    [Fact]
    public void An_unknown_kind_is_neither_found_nor_created()
    {
        Assert.Null(TaskCatalog.Builtin.Find("math.Frobnicate"));
        Assert.Null(TaskCatalog.Builtin.Find("Math.Add"));
        Assert.Null(TaskCatalog.Builtin.Create("math.Frobnicate"));
        Assert.IsAssignableFrom<INodeKindCatalog>(TaskCatalog.Builtin);
    }

    [Fact]
    public async Task Create_gives_a_new_working_instance_each_time()
    {
        var first = TaskCatalog.Builtin.Create("math.Power")!;
        Assert.NotSame(first, TaskCatalog.Builtin.Create("math.Power"));
        var outputs = await first.RunAsync(Context(new JsonObject { ["base"] = 2, ["exponent"] = 10 }), CancellationToken.None);
        Assert.Equal(1024.0, outputs["result"]!.GetValue<double>());
    }

    [Fact]
    public async Task With_assembly_adds_the_task_classes_of_that_assembly_and_leaves_the_original_alone()
    {
        var catalog = TaskCatalog.Builtin.WithAssembly(typeof(GreetTask).Assembly);
        var greet = catalog.Find("test.Greet");
        Assert.NotNull(greet);
        Assert.Equal("name:string,extra:any[]", Ports(greet.Inputs));
        Assert.Equal("greeting:string", Ports(greet.Outputs));
        Assert.Equal("Cyclone.Tasks.Tests.Plugins.GreetTask, Cyclone.Tasks.Tests", greet.TaskClass);
        Assert.Equal(TaskCatalog.Builtin.Kinds.Count + 1, catalog.Kinds.Count);
        Assert.NotNull(catalog.Find("math.Add"));
        Assert.Null(TaskCatalog.Builtin.Find("test.Greet"));

        using var output = new StringWriter();
        var outputs = await catalog.Create("test.Greet")!.RunAsync(Context(new JsonObject { ["name"] = "Ada" }, output), CancellationToken.None);
        Assert.Equal("hello, Ada", outputs["greeting"]!.GetValue<string>());
        Assert.Equal("hello, Ada" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Adding_an_assembly_twice_adds_nothing_the_second_time()
    {
        var catalog = TaskCatalog.Builtin.WithAssembly(typeof(GreetTask).Assembly);
        Assert.Same(catalog, catalog.WithAssembly(typeof(GreetTask).Assembly));
        Assert.Same(TaskCatalog.Builtin, TaskCatalog.Builtin.WithAssembly(typeof(TaskCatalog).Assembly));
    }

    [Fact]
    public void A_kind_defined_in_two_assemblies_is_an_error_naming_both_classes()
    {
        var builtin = Assert.Throws<InvalidOperationException>(() => TaskCatalog.Builtin.WithAssembly(TaskAssemblyEmitter.InMemory("math.Add")));
        Assert.Contains("'math.Add'", builtin.Message, StringComparison.Ordinal);
        Assert.Contains("Cyclone.Tasks.Builtin.Math.AddTask, Cyclone.Tasks", builtin.Message, StringComparison.Ordinal);
        Assert.Contains("Emitted.Task0, Emitted.Plugin", builtin.Message, StringComparison.Ordinal);

        var plugin = TaskCatalog.Builtin.WithAssembly(TaskAssemblyEmitter.InMemory("lab.Fit"));
        var second = TaskAssemblyEmitter.InMemory("lab.Other", "lab.Fit");
        var twice = Assert.Throws<InvalidOperationException>(() => plugin.WithAssembly(second));
        Assert.Contains($"Emitted.Task0, {plugin.Find("lab.Fit")!.TaskClass!.Split(", ")[1]}", twice.Message, StringComparison.Ordinal);
        Assert.Contains($"Emitted.Task1, {second.GetName().Name}", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_class_from_another_assembly_is_created_and_run()
    {
        var catalog = TaskCatalog.Builtin.WithAssembly(TaskAssemblyEmitter.InMemory("lab.Fit", "lab.Plot"));
        Assert.Equal(TaskCatalog.Builtin.Kinds.Count + 2, catalog.Kinds.Count);
        var outputs = await catalog.Create("lab.Plot")!.RunAsync(Context([]), CancellationToken.None);
        Assert.Equal("lab.Plot", outputs["kind"]!.GetValue<string>());
    }

    [Fact]
    public void A_port_of_an_unknown_type_is_an_error_naming_the_class()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TaskCatalog.Builtin.WithAssembly(TaskAssemblyEmitter.InMemory(["lab.Fit"], inputType: "decimal")));
        Assert.Contains("Emitted.Task0", error.Message, StringComparison.Ordinal);
        Assert.Contains("input 'x' has type 'decimal'", error.Message, StringComparison.Ordinal);
    }
}
