using Microsoft.Extensions.Logging;

namespace Corral.Routing.Log;

internal static partial class RouterLogMessages
{
    [LoggerMessage(4101, LogLevel.Error, "router log: writing to {Path} failed; records are being lost until a write succeeds")]
    public static partial void DatabaseWriteFailed(ILogger logger, string path, Exception error);

    [LoggerMessage(4102, LogLevel.Warning, "router log: writing to {Path} works again; {Lost} records lost so far")]
    public static partial void DatabaseRecovered(ILogger logger, string path, long lost);

    [LoggerMessage(4103, LogLevel.Error, "router log: appending to the JSONL mirror {Path} failed; mirror lines are being lost until a write succeeds")]
    public static partial void MirrorWriteFailed(ILogger logger, string path, Exception error);

    [LoggerMessage(4104, LogLevel.Warning, "router log: the JSONL mirror {Path} works again; {Lost} lines lost so far")]
    public static partial void MirrorRecovered(ILogger logger, string path, long lost);

    [LoggerMessage(4105, LogLevel.Warning, "router log: the write queue is full ({Capacity} records); {Dropped} records dropped so far")]
    public static partial void QueueFull(ILogger logger, int capacity, long dropped);

    [LoggerMessage(4106, LogLevel.Warning, "router log: {Rejected} records with a null required member refused so far")]
    public static partial void Rejected(ILogger logger, long rejected);
}
