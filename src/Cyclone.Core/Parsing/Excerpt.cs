namespace Cyclone.Core.Parsing;

/// <summary>Quotes user input in error messages: as it is when short, else its start and how long it is, so that a huge input never makes a huge message.</summary>
public static class Excerpt
{
    /// <summary>Characters of the input kept in a message.</summary>
    public const int MaxLength = 80;

    public static string Of(string? text)
    {
        if (text is null || text.Length <= MaxLength)
        {
            return text ?? "";
        }

        var keep = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return $"{text[..keep]}… ({text.Length} characters)";
    }
}
