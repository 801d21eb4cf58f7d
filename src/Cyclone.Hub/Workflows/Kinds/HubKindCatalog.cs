using System.Text.Json;
using Cyclone.Core.Workflows;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Cyclone.Tasks.Catalog;
using Microsoft.Extensions.Hosting;

namespace Cyclone.Hub.Workflows.Kinds;

/// <summary>
/// The node kinds workflows may use: the built-in typed tasks, plus kinds users registered (command
/// templates or typed task classes), kept in the store and loaded at start.
/// </summary>
public sealed class HubKindCatalog(IStore store, TimeProvider time) : INodeKindCatalog, IHostedService
{
    private volatile Dictionary<string, NodeKindInfo> _registered = new(StringComparer.Ordinal);

    public NodeKindInfo? Find(string kind) => TaskCatalog.Builtin.Find(kind) ?? _registered.GetValueOrDefault(kind);

    public IReadOnlyList<NodeKindDto> List() =>
        TaskCatalog.Builtin.Kinds.Select(k => ToDto(k, builtin: true)).Concat(_registered.Values.Select(k => ToDto(k, builtin: false)))
            .OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();

    /// <summary>Registers or replaces a kind; the problems when the spec is not valid (nothing is stored then).</summary>
    public async Task<IReadOnlyList<WorkflowProblem>> SetAsync(string kind, NodeKindDto spec, string user, CancellationToken ct)
    {
        var problems = NodeKindSpec.Check(kind, spec, TaskCatalog.Builtin.Find(kind) is not null);
        if (problems.Count > 0)
        {
            return problems;
        }

        await store.SetNodeKindAsync(kind, JsonSerializer.Serialize(spec, ApiJson.Options), user, time.GetUtcNow(), ct);
        await ReloadAsync(ct);
        return [];
    }

    public async Task<bool> DeleteAsync(string kind, CancellationToken ct)
    {
        var deleted = await store.DeleteNodeKindAsync(kind, ct);
        await ReloadAsync(ct);
        return deleted;
    }

    public Task StartAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReloadAsync(CancellationToken ct)
    {
        var kinds = new Dictionary<string, NodeKindInfo>(StringComparer.Ordinal);
        foreach (var (kind, spec) in await store.ListNodeKindsAsync(ct))
        {
            if (JsonSerializer.Deserialize<NodeKindDto>(spec, ApiJson.Options) is { } dto)
            {
                kinds[kind] = NodeKindSpec.ToInfo(kind, dto);
            }
        }

        _registered = kinds;
    }

    private static NodeKindDto ToDto(NodeKindInfo k, bool builtin) => new()
    {
        Kind = k.Kind,
        Command = k.CommandTemplate,
        TaskClass = k.TaskClass,
        Inputs = k.Inputs.ToDictionary(p => p.Name, p => (p.Type ?? "any") + (p.Multi ? "[]" : ""), StringComparer.Ordinal),
        Outputs = k.Outputs.ToDictionary(p => p.Name, p => p.Type ?? "any", StringComparer.Ordinal),
        Builtin = builtin,
    };
}
