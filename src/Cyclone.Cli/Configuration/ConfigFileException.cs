namespace Cyclone.Cli.Configuration;

/// <summary>A <c>-f</c> file is wrong (the message names file:line), or its pid file is held by a running instance.</summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException()
    {
    }

    public ConfigFileException(string message)
        : base(message)
    {
    }

    public ConfigFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
