using Cyclone.Storage.Contract;
using Cyclone.Storage.Relational;

namespace Cyclone.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const long NoFence = -1;

    private const string ReadEpoch = "SELECT epoch FROM cyclone_leader WHERE id = 1;";

    private long _epoch = NoFence;
    private volatile string? _refusal;

    /// <summary>
    /// Raised once, on the writer's thread, when a write finds that another hub's term has begun (or <see cref="Refuse"/> is
    /// called): from then on the store refuses every write. The reason says why.
    /// </summary>
    public event Action<string>? Fenced;

    /// <summary>
    /// Writes only in leader term <paramref name="epoch"/>: each write transaction, once it holds the write lock, checks that no
    /// other hub has begun a newer term since (a new term is begun under the same lock), and is refused when one has.
    /// </summary>
    public void FenceWith(long epoch) => Interlocked.Exchange(ref _epoch, epoch);

    /// <summary>Refuses every later write at once with <paramref name="reason"/> (this hub is no longer the active one).</summary>
    public void Refuse(string reason)
    {
        if (_refusal is null)
        {
            _refusal = reason;
            Fenced?.Invoke(reason);
        }
    }

    /// <summary>Throws when this hub may no longer write: refused before, or another term began since <see cref="FenceWith"/>.</summary>
    private void CheckTerm(WriteContext context)
    {
        if (_refusal is { } refusal)
        {
            throw RefusedWrite(refusal);
        }

        var epoch = Interlocked.Read(ref _epoch);
        if (epoch == NoFence)
        {
            return;
        }

        var current = Convert.ToInt64(context.Command(ReadEpoch).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current != epoch)
        {
            var reason = $"another hub became the active hub (term {current}; this hub's was {epoch})";
            Refuse(reason);
            throw RefusedWrite(reason);
        }
    }

    private StoreFencedException RefusedWrite(string reason) =>
        new($"the store {_where} refuses writes from this hub: {reason}; the write was not acknowledged");
}
