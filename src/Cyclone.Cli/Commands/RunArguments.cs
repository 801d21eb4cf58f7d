namespace Cyclone.Cli.Commands;

/// <summary>
/// Makes <c>cyclone run</c> read like <c>srun</c>: Cyclone's options end at the first word of the command, so
/// <c>cyclone run -n 2 ls -l</c> runs <c>ls -l</c> on two nodes. It inserts the <c>--</c> that says so, unless
/// the user wrote one.
/// </summary>
public static class RunArguments
{
    /// <summary>The options of <c>run</c> that take a value (the next token is theirs unless written <c>--opt=value</c>).</summary>
    public static readonly IReadOnlySet<string> WithValue = new HashSet<string>(StringComparer.Ordinal)
    {
        "-n", "--nodes", "-p", "--procs", "--cpus", "--mem", "--gpus", "--time", "--retries", "--label", "--priority",
        "-J", "--job-name", "-o", "--output", "-e", "--error", "-D", "--chdir", "--hub", "-a", "--array", "-d", "--dependency",
        "--task", "--param", "--param-file",
    };

    /// <summary>Answers <paramref name="args"/> with <c>--</c> inserted before the command of a <c>run</c>, when needed.</summary>
    public static string[] MarkCommandStart(string[] args)
    {
        if (args.Length < 2 || args[0] != "run")
        {
            return args;
        }

        for (var i = 1; i < args.Length; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                return args;
            }

            if (!token.StartsWith('-') || token == "-")
            {
                return [.. args[..i], "--", .. args[i..]];
            }

            if (WithValue.Contains(token))
            {
                i++;
            }
        }

        return args;
    }
}
