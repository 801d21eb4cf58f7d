using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>The output row of one target (or of the file system's summary) of <c>lustre.ost-monitor</c>: space and inode figures side by side.</summary>
internal static class OstRow
{
    public static JsonObject Target(LfsTarget space, LfsTarget? inodes) => Figures(
        new JsonObject
        {
            ["index"] = space.Index,
            ["uuid"] = space.Uuid,
            ["status"] = space.Status ?? "active",
            ["state"] = space.State,
        },
        space.Usage,
        inodes?.Usage);

    public static JsonObject Figures(JsonObject row, LfsUsage? space, LfsUsage? inodes)
    {
        row["capacity_bytes"] = space?.Total;
        row["used_bytes"] = space?.Used;
        row["available_bytes"] = space?.Available;
        row["use_percent"] = space?.UsePercent;
        row["inodes"] = inodes?.Total;
        row["inodes_used"] = inodes?.Used;
        row["inodes_free"] = inodes?.Available;
        row["inodes_use_percent"] = inodes?.UsePercent;
        return row;
    }
}
