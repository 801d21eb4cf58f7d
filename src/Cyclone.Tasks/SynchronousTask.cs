using System.Text.Json.Nodes;

namespace Cyclone.Tasks;

/// <summary>Runs a synchronous task body and hands back its outcome as a task: outputs, a fault or a cancellation.</summary>
internal static class SynchronousTask
{
    public static Task<JsonObject> Run(Func<JsonObject> body, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(body());
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<JsonObject>(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<JsonObject>(ex);
        }
    }
}
