namespace Cyclone.Core.Workflows;

/// <summary>The node kinds a workflow may use, besides <c>command</c> and <c>event</c>.</summary>
public interface INodeKindCatalog
{
    /// <summary>The kind named <paramref name="kind"/> (e.g. <c>math.Power</c>), or null when unknown.</summary>
    NodeKindInfo? Find(string kind);
}
