using Microsoft.Extensions.Logging;

namespace Corral.Core.Scheduling;

public sealed partial class ModelScheduler
{
    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "loaded {Model} ({Reason}) in {Milliseconds:F0} ms")]
        public static partial void Loaded(ILogger logger, string model, string reason, double milliseconds);

        [LoggerMessage(1002, LogLevel.Error, "loading {Model} failed")]
        public static partial void LoadFailed(ILogger logger, string model, Exception error);

        [LoggerMessage(1003, LogLevel.Information, "unloading {Model}: {Why}")]
        public static partial void Unloading(ILogger logger, string model, string why);

        [LoggerMessage(1004, LogLevel.Warning, "unloading {Model} failed")]
        public static partial void UnloadFailed(ILogger logger, string model, Exception error);

        [LoggerMessage(1005, LogLevel.Information, "reloading {Model}: {Reason} (reload {Reloads} since start)")]
        public static partial void Reloading(ILogger logger, string model, string reason, int reloads);

        [LoggerMessage(1006, LogLevel.Information, "evicting idle {Victim} to load {Model}")]
        public static partial void Evicting(ILogger logger, string victim, string model);

        [LoggerMessage(1007, LogLevel.Information, "planned {Model}: num_ctx {Context}, {Parallel} parallel, estimated {TotalMiB:F0} MiB (weights {WeightsMiB:F0}, KV {KvMiB:F0}, compute {ComputeMiB:F0})")]
        public static partial void Planned(ILogger logger, string model, int context, int parallel, double totalMiB, double weightsMiB, double kvMiB, double computeMiB);

        [LoggerMessage(1008, LogLevel.Warning, "refusing to load {Model}: {Why}")]
        public static partial void Refused(ILogger logger, string model, string why);
    }
}
