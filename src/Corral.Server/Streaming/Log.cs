using Microsoft.Extensions.Logging;

namespace Corral.Server.Streaming;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Error, "stream for {Path} failed after it began")]
    public static partial void StreamFailed(ILogger logger, string path, Exception error);
}
