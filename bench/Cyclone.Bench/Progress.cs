namespace Cyclone.Bench;

/// <summary>Progress for people, on stderr (stdout carries only results).</summary>
public static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Say(string message) => Console.Error.WriteLine($"[cyclone-bench {Clock.Elapsed.TotalSeconds,7:0.0}s] {message}");
}
