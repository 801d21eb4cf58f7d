namespace Cyclone.Cli.Configuration;

/// <summary>One <c>key = value</c> of an INI file, with where it is (<c>file:line</c>).</summary>
public sealed record IniValue(string Section, string Key, string Value, string Where);
