using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Agent.Executors;

/// <summary>Runs typed .NET tasks (built-in kinds and plugin classes) inside the agent process.</summary>
public sealed class TypedTaskExecutor(TaskCatalog catalog, IOutputSink sink, TimeProvider time)
{
    public IRunningAttempt Start(Lease lease)
    {
        var attempt = new TypedTaskAttempt(lease, catalog, sink, time);
        attempt.Begin();
        return attempt;
    }
}
