namespace Cyclone.Client;

/// <summary>
/// Environment variables that hold credentials (or point to them). The CLI never sends them with a job's
/// environment and agents never pass them to the tasks they run, so they cannot show up in stored specs or output.
/// </summary>
public static class SecretVariables
{
    public static readonly IReadOnlyList<string> Names =
        [CredentialStore.TokenVariable, "CYCLONE_Agent__Token", "CYCLONE_AGENT__TOKEN", "CYCLONE_Agent__TokenFile", "CYCLONE_AGENT__TOKENFILE"];

    public static bool IsSecret(string name) => Names.Contains(name, StringComparer.Ordinal);
}
