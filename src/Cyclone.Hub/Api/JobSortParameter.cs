using Cyclone.Core.Parsing;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Api;

/// <summary>Reads <c>?sort=</c> and <c>?order=</c> of the job list.</summary>
internal static class JobSortParameter
{
    /// <summary>The values <c>sort</c> takes, in the order of <see cref="JobSort"/>.</summary>
    public static readonly string[] Keys = ["id", "name", "user", "state", "submitted", "started", "ended"];

    /// <summary>
    /// The column and direction; <c>order</c> defaults to desc for id and the times (newest first) and asc for the others.
    /// <c>id-desc</c> and <c>id-asc</c> are still read as id with that order. False with the parameter and what is wrong.
    /// </summary>
    public static bool TryParse(string? sort, string? order, out JobSort by, out bool ascending, out string parameter, out string error)
    {
        (by, ascending, parameter, error) = (JobSort.Id, false, "", "");
        var key = sort ?? "id";
        string? legacyOrder = null;
        if (key is "id-desc" or "id-asc")
        {
            (key, legacyOrder) = ("id", key[3..]);
        }

        var index = Array.IndexOf(Keys, key);
        if (index < 0)
        {
            (parameter, error) = ("sort", $"sort '{Excerpt.Of(sort)}' must be one of {string.Join(", ", Keys)}");
            return false;
        }

        by = (JobSort)index;
        switch (order ?? legacyOrder)
        {
            case null:
                ascending = by is JobSort.Name or JobSort.User or JobSort.State;
                return true;
            case "asc" or "desc":
                ascending = (order ?? legacyOrder) == "asc";
                return true;
            default:
                (parameter, error) = ("order", $"order '{Excerpt.Of(order)}' must be asc or desc");
                return false;
        }
    }
}
