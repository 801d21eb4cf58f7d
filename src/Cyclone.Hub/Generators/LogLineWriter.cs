using System.Text;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Generators;

/// <summary>A writer whose lines go to the hub's log as information, under a generator's name.</summary>
public sealed partial class LogLineWriter(ILogger logger, string generator) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                LogLine(generator, _line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Generator {Generator}: {Line}")]
    private partial void LogLine(string generator, string line);
}
