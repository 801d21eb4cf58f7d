namespace Cyclone.Tasks;

/// <summary>A task's input is missing or of the wrong kind; the message says which and why.</summary>
public sealed class TaskInputException : Exception
{
    public TaskInputException()
    {
    }

    public TaskInputException(string message)
        : base(message)
    {
    }

    public TaskInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
