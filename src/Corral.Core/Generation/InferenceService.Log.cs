using Microsoft.Extensions.Logging;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Warning, "prompt for {Model} truncated: {Dropped} tokens dropped to fit num_ctx {ContextLength}")]
        public static partial void PromptTruncated(ILogger logger, string model, int dropped, int contextLength);

        [LoggerMessage(2002, LogLevel.Warning, "chat history for {Model} truncated: {Messages} oldest messages dropped to fit num_ctx {ContextLength}")]
        public static partial void HistoryTruncated(ILogger logger, string model, int messages, int contextLength);

        [LoggerMessage(2003, LogLevel.Warning, "{Model} wrote a tool call that did not parse; returned as content: {Reason}")]
        public static partial void ToolCallParseFailed(ILogger logger, string model, string reason);

        [LoggerMessage(2004, LogLevel.Information, "{Model} stopped after {Tokens} tokens: the request's deadline of {Seconds}s passed")]
        public static partial void DeadlineStopped(ILogger logger, string model, int tokens, double seconds);
    }
}
