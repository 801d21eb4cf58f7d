using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Api;

/// <summary>Parses the <c>state</c> query parameter: a comma-separated list of state names.</summary>
public static class StateFilter
{
    public static bool TryParse(string? text, out List<TaskState> states, out string error)
    {
        states = [];
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TaskStates.TryParseWire(part, out var state))
            {
                error = $"unknown state '{part}'; use {string.Join(", ", TaskStates.All.Select(s => s.ToWire()))}";
                return false;
            }

            states.Add(state);
        }

        return true;
    }
}
