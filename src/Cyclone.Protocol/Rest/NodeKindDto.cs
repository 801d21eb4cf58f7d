namespace Cyclone.Protocol.Rest;

/// <summary>
/// A node kind: its ports and how it runs — a command template (<c>{input}</c> placeholders filled from
/// the inputs; outputs written as JSON to <c>$CYCLONE_OUTPUTS</c>) or a typed task class that agents load
/// from their plugin directory. Built-in kinds have <see cref="Builtin"/> set.
/// </summary>
public sealed class NodeKindDto
{
    public string? Kind { get; set; }

    public IReadOnlyList<string>? Command { get; set; }

    public string? TaskClass { get; set; }

    /// <summary>Input name to type (number, integer, string, boolean, object, array, any; <c>number[]</c> for a multi input).</summary>
    public IReadOnlyDictionary<string, string>? Inputs { get; set; }

    /// <summary>Output name to type.</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; set; }

    public bool Builtin { get; set; }
}
