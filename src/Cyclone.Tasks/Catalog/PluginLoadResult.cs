namespace Cyclone.Tasks.Catalog;

/// <summary>
/// What <see cref="TaskPluginLoader.LoadDirectory"/> found: the catalog (the built-ins plus every plugin that
/// loaded) and one warning per file that was skipped, saying which file and why.
/// </summary>
public sealed record PluginLoadResult(TaskCatalog Catalog, IReadOnlyList<string> Warnings);
