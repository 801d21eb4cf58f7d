namespace Cyclone.Hub.Tests.Security;

/// <summary>How a fuzzed body goes on the wire.</summary>
internal enum FuzzFraming
{
    /// <summary>With its Content-Length, sent whole at once.</summary>
    Length,

    /// <summary>Chunked, without a length: the hub finds out the size only while reading.</summary>
    Chunked,

    /// <summary>With its Content-Length and <c>Expect: 100-continue</c>: sent only once the hub asks for it, so a refusal always arrives.</summary>
    ExpectContinue,
}
