namespace Cyclone.Tasks.Files;

/// <summary>A task file cannot be read or is not one; the message names the file and, where it can, the line.</summary>
public sealed class TaskFileException : Exception
{
    public TaskFileException()
    {
    }

    public TaskFileException(string message)
        : base(message)
    {
    }

    public TaskFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
