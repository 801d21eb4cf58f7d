namespace Cyclone.Core.Parsing;

/// <summary>Quotes user input in error messages: as it is when short, else its start and how long it is, so that a huge input never makes a huge message.</summary>
public static class Excerpt
{
    /// <summary>Characters of the input kept in a message.</summary>
    public const int MaxLength = 80;

    public static string Of(string? text) => Of(text, MaxLength);

    /// <summary>The text as it is when at most <paramref name="max"/> characters long, else its start and its length.</summary>
    public static string Of(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text ?? "";
        }

        var keep = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return $"{text[..keep]}… ({text.Length} characters)";
    }
}
