namespace Cyclone.Core.Workflows;

/// <summary>
/// A named input or output of a node. <see cref="Type"/> is one of <see cref="ValueTypes"/>' names
/// (<c>number</c>, <c>integer</c>, <c>string</c>, <c>boolean</c>, <c>object</c>, <c>array</c>) or null
/// when undeclared. A <see cref="Multi"/> input accepts several edges and receives a list.
/// </summary>
public sealed record WorkflowPort(string Name, string? Type = null, bool Multi = false);
