namespace Cyclone.Storage.Contract;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StoreOptions
{
    /// <summary>The data directory; the SQLite file is <c>cyclone.db</c> in it. Default: <c>./.data</c>.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Bytes of output kept per task (all attempts and ranks together). Default: 16 MiB.</summary>
    public long OutputCapBytes { get; set; } = 16L << 20;

    /// <summary>The most write requests grouped into one transaction. Default: 4096.</summary>
    public int MaxBatch { get; set; } = 4096;
}
