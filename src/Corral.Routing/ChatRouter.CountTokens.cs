using Corral.Core.Errors;
using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;
using Microsoft.Extensions.Logging;

namespace Corral.Routing;

/// <summary>Token counting (<c>/v1/messages/count_tokens</c>) for a route: its targets in order, the first that can
/// count answers. Counting is not a call: it takes no fast path, no shadow, no log record, and neither reads nor
/// changes cooldowns.</summary>
public sealed partial class ChatRouter
{
    /// <summary>
    /// Counts with the route's first target that can: a local model with its own tokenizer and template
    /// (<paramref name="countLocal"/>, as for a plain local model), a provider that implements
    /// <see cref="ITokenCounter"/> (Anthropic) with <paramref name="remoteBody"/>. A target that cannot count (OpenAI)
    /// is skipped; one whose count fails is logged and the next one tried, except a bad request, which is the
    /// client's (400).
    /// </summary>
    /// <exception cref="ModelNotFoundException"><paramref name="model"/> is not a route.</exception>
    /// <exception cref="CorralException">Bad request (also when no target can count), or every counting target failed (upstream).</exception>
    public async Task<int> CountTokensAsync(string model, Func<TargetConfig, CancellationToken, Task<int>> countLocal,
        Func<TargetConfig, byte[]> remoteBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countLocal);
        ArgumentNullException.ThrowIfNull(remoteBody);
        var config = _config();
        if (!config.Routes.TryGetValue(model, out var route))
        {
            throw new ModelNotFoundException(model);
        }

        var failures = new List<string>();
        foreach (var target in route.Targets)
        {
            var provider = _providers.Get(config, target.Provider);
            if (!provider.IsLocal && provider is not ITokenCounter)
            {
                continue;
            }

            try
            {
                return provider.IsLocal
                    ? await CountLocalAsync(countLocal, target, provider.Name, cancellationToken)
                    : await ((ITokenCounter)provider).CountTokensAsync(remoteBody(target), target.Timeouts, cancellationToken);
            }
            catch (UpstreamException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (e.Failure == FailureClass.BadRequest)
                {
                    throw new CorralException(ErrorKind.BadRequest, e.Message, e);
                }

                Log.CountFailed(_logger, route.Name, target.ToString(), e.Failure.Name(), e.Status);
                failures.Add($"{target}: {e.Failure.Name()}{(e.Status is { } s ? $" ({s})" : "")}: {e.Message}");
            }
        }

        if (failures.Count == 0)
        {
            throw new CorralException(ErrorKind.BadRequest,
                $"route '{route.Name}' cannot count tokens: none of its targets can (local models and Anthropic providers can; OpenAI-compatible ones cannot)");
        }

        throw new CorralException(ErrorKind.Upstream, $"route '{route.Name}': every target that can count tokens failed: {string.Join("; ", failures)}");
    }

    private static async Task<int> CountLocalAsync(Func<TargetConfig, CancellationToken, Task<int>> countLocal, TargetConfig target, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await countLocal(target, cancellationToken);
        }
        catch (Exception e) when (e is not UpstreamException and not OperationCanceledException)
        {
            throw LocalProvider.Classify(provider, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4103, LogLevel.Warning, "route {Route}: counting tokens with {Target} failed ({Failure}, status {Status}); trying the next target that can count")]
        public static partial void CountFailed(ILogger logger, string route, string target, string failure, int? status);
    }
}
