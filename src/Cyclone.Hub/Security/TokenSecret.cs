using System.Security.Cryptography;
using System.Text;

namespace Cyclone.Hub.Security;

/// <summary>
/// The shape of an access token: <c>cyc_</c> and 43 base64url characters (32 random bytes). The hub keeps only
/// its first <see cref="LookupLength"/> characters (to find it) and its SHA-256 hash (to check it).
/// </summary>
public static class TokenSecret
{
    public const string Prefix = "cyc_";

    private static readonly System.Buffers.SearchValues<char> Base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Characters of a token kept in clear to find its record (the prefix and 8 random characters).</summary>
    public const int LookupLength = 12;

    /// <summary>Length of every token.</summary>
    public const int Length = 47;

    /// <summary>A new random token.</summary>
    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="token"/> has the shape of a token (it may still be unknown).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length }
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64Url) < 0;

    public static string LookupOf(string token) => token[..LookupLength];

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Compares <paramref name="token"/>'s hash with a stored one in constant time.</summary>
    public static bool Matches(string token, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);
}
