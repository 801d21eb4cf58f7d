using Cyclone.Bench;
using Cyclone.Bench.Workloads;

// Cyclone's side of the benchmark (bench/run drives it next to the peers): runs one workload on a real hub and
// agent started as processes, and prints one JSON line of figures per repetition on stdout; progress goes to stderr.
var options = BenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var workload = WorkloadCatalog.Find(options.Workload);
if (workload is null)
{
    await Console.Error.WriteLineAsync($"unknown workload '{options.Workload}'; known: {string.Join(", ", WorkloadCatalog.Names)}");
    return 2;
}

for (var rep = 0; rep < options.Reps; rep++)
{
    Progress.Say($"{options.Workload} rep {rep + 1}/{options.Reps}");
    var metrics = await workload(options, stop.Token);
    ResultLine.Write(options, rep, metrics);
}

return 0;
