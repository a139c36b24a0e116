using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Routing.Calls;
using Corral.Routing.Configuration;
using Corral.Routing.Log;
using Corral.Routing.Policies;
using Corral.Routing.Upstreams;
using Microsoft.Extensions.Logging;

namespace Corral.Routing;

/// <summary>
/// Answers chats addressed to a route's virtual model name: the fast path when a rule matches (escalating when the
/// fast answer fails the request's schema or tool-call parse, if configured), else the targets in fallback order,
/// skipping those cooling down. Before the first chunk reaches the caller a failure moves on invisibly; after it, a
/// failure ends the stream with a typed <see cref="CorralException"/> (<see cref="ErrorKind.Upstream"/>), never a silent
/// switch of model mid-answer. A sampled share of calls is shadowed (<see cref="ShadowRunner"/>). Every attempt is one
/// log record.
/// </summary>
public sealed partial class ChatRouter : IAsyncDisposable
{
    private readonly Func<RouterConfig> _config;
    private readonly ProviderCache _providers;
    private readonly IRouterLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShadowRunner _shadows;

    public ChatRouter(Func<RouterConfig> config, ProviderCache providers, IRouterLog log, TimeProvider time, ILogger logger, Func<double>? sample = null)
    {
        _config = config;
        _providers = providers;
        _log = log;
        _time = time;
        _logger = logger;
        Health = new HealthBoard(time);
        _shadows = new ShadowRunner(this, sample ?? Random.Shared.NextDouble);
    }

    /// <summary>Cooldowns and circuit breakers, shared by every call.</summary>
    public HealthBoard Health { get; }

    /// <summary>The route answering this model name, if any (exact match; routes win over local models of that name).</summary>
    public bool TryGetRoute(string? model, [NotNullWhen(true)] out RouteConfig? route)
    {
        route = null;
        return model is not null && _config().Routes.TryGetValue(model, out route);
    }

    /// <summary>The virtual model names, for model lists.</summary>
    public IReadOnlyCollection<string> RouteNames => _config().Routes.Keys.ToArray();

    public IAsyncEnumerable<ChatResponse> ChatAsync(ChatRequest request, CallInfo info, CancellationToken cancellationToken)
    {
        var config = _config();
        if (request.Model is null || !config.Routes.TryGetValue(request.Model, out var route))
        {
            throw new ModelNotFoundException(request.Model ?? "");
        }

        var pairId = _shadows.Sample(route) ? Ids.Pair() : null;
        var call = new RoutedCall(config, route, request, info, pairId, _log);
        if (pairId is not null)
        {
            _shadows.Start(config, route, request, info, pairId);
        }

        var deadline = RequestDeadline.Current;
        return deadline is null
            ? RunAsync(call, null, cancellationToken)
            : DeadlineStream.Apply(RunAsync(call, deadline, cancellationToken), deadline, $"waiting for route '{route.Name}'", _time, cancellationToken);
    }

    /// <summary>Waits for shadow calls in flight (tests, shutdown).</summary>
    public Task DrainShadowsAsync() => _shadows.DrainAsync();

    public async ValueTask DisposeAsync()
    {
        await _shadows.DisposeAsync();
        _providers.Dispose();
    }

    private async IAsyncEnumerable<ChatResponse> RunAsync(RoutedCall call, RequestDeadline? deadline, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var route = call.Route;
        var facts = CallFacts.Of(call.Request, call.Info.Task);
        var plan = Plan(route, facts);
        var failures = new List<string>();
        DateTimeOffset? soonest = null;
        var reason = plan[0].Reason;
        for (var i = 0; i < plan.Count; i++)
        {
            var (target, planned, escalateFrom) = plan[i];
            reason = i == 0 ? planned : reason; // later targets carry why the one before did not answer
            var provider = _providers.Get(call.Config, target.Provider);
            var availability = Health.Check(target, provider.IsLocal, call.Config.Cooldowns);
            if (!availability.CanTry)
            {
                failures.Add($"{target}: cooling down ({availability.Reason}) until {availability.Until:HH:mm:ss}Z");
                soonest = soonest is null || availability.Until < soonest ? availability.Until : soonest;
                reason = "fallback:cooldown";
                continue;
            }

            await using var run = new AttemptRun(call, target, provider, reason, _time, cancellationToken, deadline);
            var buffered = escalateFrom is not null && i + 1 < plan.Count;
            var started = false;
            try
            {
                started = await run.StartAsync(target.Timeouts);
            }
            finally
            {
                if (!started && run.Failure is null)
                {
                    // The client left before the first chunk: a probe tells nothing.
                    Health.ReleaseProbe(target);
                    run.Finish(served: false, run.DeadlinePassed ? "deadline" : "client_canceled",
                        run.DeadlinePassed ? "the request's deadline passed" : "the client went away");
                }
            }

            if (!started)
            {
                var failure = run.Failure!;
                Health.Failed(target, provider.IsLocal, failure.Failure, failure.RetryAfter, call.Config.Cooldowns);
                run.Finish(served: false);
                Log.AttemptFailed(_logger, call.Info.RequestId, route.Name, target.ToString(), failure.Failure.Name(), failure.Status);
                if (failure.Failure == FailureClass.BadRequest)
                {
                    throw new CorralException(ErrorKind.BadRequest, failure.Message, failure);
                }

                failures.Add($"{target}: {failure.Failure.Name()}{(failure.Status is { } s ? $" ({s})" : "")}: {failure.Message}");
                reason = "fallback:" + failure.Failure.Name();
                continue;
            }

            Health.Succeeded(target, provider.IsLocal);
            if (buffered)
            {
                var chunks = new List<ChatResponse> { run.Current };
                while (await run.NextAsync())
                {
                    chunks.Add(run.Current);
                }

                if (run.Failure is { } late)
                {
                    Health.Failed(target, provider.IsLocal, late.Failure, late.RetryAfter, call.Config.Cooldowns);
                    run.Finish(served: false);
                    failures.Add($"{target}: {late.Failure.Name()}: {late.Message}");
                    reason = "fallback:" + late.Failure.Name();
                    continue;
                }

                if (run.QualityFailure(escalateFrom!) is { } quality)
                {
                    run.Finish(served: false, quality, "the fast answer was not good enough: escalated");
                    reason = "escalation:" + quality;
                    continue;
                }

                Served(call, run);
                run.Finish(served: true);
                foreach (var chunk in chunks)
                {
                    yield return chunk;
                }

                yield break;
            }

            Served(call, run);
            var finished = false;
            try
            {
                yield return run.Current;
                while (await run.NextAsync())
                {
                    yield return run.Current;
                }

                finished = true;
            }
            finally
            {
                if (!finished && run.Failure is null)
                {
                    run.Finish(served: true, run.DeadlinePassed ? "deadline" : "client_canceled", run.DeadlinePassed
                        ? "the request's deadline passed before the answer was complete"
                        : "the client went away before the answer was complete");
                }
            }

            if (run.Failure is { } cut)
            {
                Health.Failed(target, provider.IsLocal, cut.Failure, cut.RetryAfter, call.Config.Cooldowns);
                run.Finish(served: true);
                Log.StreamFailed(_logger, call.Info.RequestId, route.Name, target.ToString(), cut.Failure.Name());
                throw new CorralException(ErrorKind.Upstream,
                    $"{target} failed after the answer began ({cut.Failure.Name()}): {cut.Message}; the answer is incomplete", cut);
            }

            run.Finish(served: true);
            yield break;
        }

        if (soonest is not null && failures.TrueForAll(f => f.Contains(": cooling down (", StringComparison.Ordinal)))
        {
            throw new CorralException(ErrorKind.Busy, $"route '{route.Name}': every target is cooling down: {string.Join("; ", failures)}");
        }

        throw new CorralException(ErrorKind.Upstream, $"route '{route.Name}': every target failed: {string.Join("; ", failures)}");
    }

    private static void Served(RoutedCall call, AttemptRun run) =>
        call.Info.OnServed?.Invoke(new ServedBy(call.Info.RequestId, run.Target.Provider, run.Target.Model, run.Reason, run.Number, call.PairId));

    /// <summary>The targets in the order they are tried, with the reason each starts with; a fast-path target comes
    /// first (and carries the config when its answer may escalate).</summary>
    private static List<(TargetConfig Target, string Reason, FastPathConfig? EscalateFrom)> Plan(RouteConfig route, CallFacts facts)
    {
        var plan = new List<(TargetConfig, string, FastPathConfig?)>(route.Targets.Count + 1);
        var reason = "primary";
        if (FastPathMatcher.Match(route.FastPath, facts) is { } rule)
        {
            var fast = route.FastPath!;
            var escalates = fast.EscalateOnSchemaFailure || fast.EscalateOnToolParseFailure;
            plan.Add((fast.Target, "fast_path:" + rule.Description, escalates ? fast : null));
            reason = "fallback";
        }

        foreach (var target in route.Targets)
        {
            if (plan.Count > 0 && plan[0].Item1 == target)
            {
                continue;
            }

            plan.Add((target, plan.Count == 0 ? reason : "fallback", null));
        }

        return plan;
    }

    internal ProviderCache Providers => _providers;

    internal IRouterLog RouterLog => _log;

    internal TimeProvider Time => _time;

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "{RequestId} route {Route}: {Target} failed ({Failure}, status {Status}); trying the next target")]
        public static partial void AttemptFailed(ILogger logger, string requestId, string route, string target, string failure, int? status);

        [LoggerMessage(4102, LogLevel.Warning, "{RequestId} route {Route}: {Target} failed after the answer began ({Failure})")]
        public static partial void StreamFailed(ILogger logger, string requestId, string route, string target, string failure);
    }
}
