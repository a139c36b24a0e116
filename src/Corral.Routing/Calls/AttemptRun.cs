using System.Text;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Routing.Configuration;
using Corral.Routing.Log;
using Corral.Routing.Policies;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Calls;

/// <summary>
/// One attempt at one target: starts the provider's stream, hands out its chunks, turns every failure into a
/// classified <see cref="UpstreamException"/> (<see cref="Failure"/>) instead of throwing, and writes exactly one log
/// record when it ends (<see cref="Finish"/>), however it ends.
/// </summary>
internal sealed class AttemptRun : IAsyncDisposable
{
    private readonly RoutedCall _call;
    private readonly IChatProvider _provider;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;
    private readonly RequestDeadline? _deadline;
    private readonly CancellationTokenSource? _deadlineLink;
    private readonly long _started;
    private readonly DateTimeOffset _startedAt;
    private readonly StringBuilder _output = new();
    private readonly SchemaCheck _schema;
    private IAsyncEnumerator<ChatResponse>? _chunks;
    private double? _firstTokenMs;
    private ChatResponse? _final;
    private bool _recorded;

    /// <param name="deadline">The request's deadline: it cuts a remote target's stream here (a local target gets it
    /// from the inference service itself).</param>
    public AttemptRun(RoutedCall call, TargetConfig target, IChatProvider provider, string reason, TimeProvider time, CancellationToken cancellationToken,
        RequestDeadline? deadline = null)
    {
        _call = call;
        _provider = provider;
        _time = time;
        _cancellationToken = cancellationToken;
        if (deadline is not null && !provider.IsLocal)
        {
            _deadline = deadline;
            _deadlineLink = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        }

        Target = target;
        Reason = reason;
        Number = call.NextAttempt();
        _started = time.GetTimestamp();
        _startedAt = time.GetUtcNow();
        _schema = new SchemaCheck(call.Request.Format);
    }

    public TargetConfig Target { get; }

    /// <summary>The request's deadline, not the client, stopped this attempt.</summary>
    public bool DeadlinePassed => _deadline is { HasPassed: true } && !_cancellationToken.IsCancellationRequested;

    /// <summary>What the provider's stream is cancelled by: the client, and for a remote target the deadline.</summary>
    private CancellationToken ProviderToken => _deadlineLink?.Token ?? _cancellationToken;

    public string Reason { get; }

    public int Number { get; }

    public bool IsLocal => _provider.IsLocal;

    public ChatResponse Current { get; private set; } = null!;

    /// <summary>Why the attempt failed; null while it has not.</summary>
    public UpstreamException? Failure { get; private set; }

    /// <summary>The final (<c>done</c>) chunk arrived.</summary>
    public bool Completed => _final is not null;

    /// <summary>Why a complete answer is not good enough for escalation, or null: <c>schema_mismatch</c> or
    /// <c>tool_parse_failure</c>.</summary>
    public string? QualityFailure(FastPathConfig fastPath)
    {
        if (fastPath.EscalateOnSchemaFailure && SchemaError() is not null)
        {
            return "schema_mismatch";
        }

        return fastPath.EscalateOnToolParseFailure && _final?.ToolCallError is not null ? "tool_parse_failure" : null;
    }

    /// <summary>Starts the stream and waits for its first chunk (<see cref="Current"/>). False when it failed first.</summary>
    public async Task<bool> StartAsync(TargetTimeouts timeouts)
    {
        var request = _call.Request with { Model = Target.Model, Stream = true };
        try
        {
            _chunks = _provider.StreamAsync(request, timeouts, ProviderToken).GetAsyncEnumerator(ProviderToken);
        }
        catch (Exception e) when (!IsClientCancel(e))
        {
            Failure = Classify(e);
            return false;
        }

        var any = await NextAsync();
        if (any)
        {
            _firstTokenMs = _time.GetElapsedTime(_started).TotalMilliseconds;
        }

        return any;
    }

    /// <summary>The next chunk (<see cref="Current"/>); false at the end or on failure (<see cref="Failure"/>).</summary>
    public async ValueTask<bool> NextAsync()
    {
        if (_chunks is null || Failure is not null || _final is not null)
        {
            return false;
        }

        bool any;
        try
        {
            any = await _chunks.MoveNextAsync();
        }
        catch (Exception e) when (!IsClientCancel(e))
        {
            Failure = Classify(e);
            return false;
        }

        if (!any)
        {
            Failure = new UpstreamException(FailureClass.StreamCut, $"{_provider.Name}: the stream ended before the answer was complete");
            return false;
        }

        var chunk = _chunks.Current;
        Current = chunk;
        _output.Append(chunk.Message.Content);
        _schema.Append(chunk.Message.Content);
        if (chunk.Done)
        {
            _final = chunk;
        }

        return true;
    }

    /// <summary>Writes this attempt's one record. <paramref name="errorClass"/> overrides the failure (escalation,
    /// client cancel); served says the client got this answer (or its beginning).</summary>
    public void Finish(bool served, string? errorClass = null, string? error = null)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        var final = _final;
        var config = _call.Config;
        var output = OutputText();
        var (promptHash, prompt) = _call.Prompt();
        var (outputHash, outputText) = _call.Output(output);
        var tokensIn = final?.PromptEvalCount;
        var tokensOut = final?.EvalCount;
        var cached = final?.PromptCacheCount;
        _call.Write(new AttemptRecord
        {
            Timestamp = _startedAt,
            RequestId = _call.Info.RequestId,
            Attempt = Number,
            PairId = _call.PairId,
            Route = _call.Route.Name,
            Reason = Reason,
            Protocol = _call.Info.Protocol,
            Provider = Target.Provider,
            Model = Target.Model,
            Served = served,
            ErrorClass = errorClass ?? Failure?.Failure.Name(),
            Status = Failure?.Status,
            Error = error ?? Failure?.Message,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            TokensCached = cached,
            TimeToFirstTokenMs = _firstTokenMs,
            DurationMs = _time.GetElapsedTime(_started).TotalMilliseconds,
            CostUsd = final is null ? null : Costs.Of(config, Target, tokensIn, tokensOut, cached),
            CostAvoidedUsd = final is not null && IsLocal ? Costs.Avoided(config, _call.Route, tokensIn, tokensOut) : null,
            FinishReason = final?.DoneReason,
            SchemaOk = final is null || _call.Request.Format is null ? null : SchemaError() is null,
            PromptHash = promptHash,
            OutputHash = final is null && output.Length == 0 ? null : outputHash,
            Prompt = prompt,
            Output = outputText,
            Task = _call.Info.Task,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_chunks is not null)
        {
            try
            {
                await _chunks.DisposeAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or UpstreamException or CorralException or HttpRequestException or IOException)
            {
                // The attempt already ended; a provider failing to clean up changes nothing the client sees.
            }
        }

        _deadlineLink?.Dispose();
    }

    private string? SchemaError() => _final?.FormatError ?? _schema.Check();

    private string OutputText()
    {
        if (_final?.Message.ToolCalls is not { Length: > 0 } && _output.Length == 0)
        {
            return "";
        }

        var calls = _final?.Message.ToolCalls;
        return calls is { Length: > 0 }
            ? _output + "\n" + JsonSerializer.Serialize(calls, ApiJsonContext.Wire.ToolCallArray)
            : _output.ToString();
    }

    /// <summary>The client went away, or the request's deadline passed: neither is the target's failure, and no other
    /// target is tried.</summary>
    private bool IsClientCancel(Exception e) =>
        (e is OperationCanceledException && (_cancellationToken.IsCancellationRequested || DeadlinePassed)) || e is Corral.Core.Errors.RequestTimeoutException;

    private UpstreamException Classify(Exception e) => e switch
    {
        UpstreamException upstream => upstream,
        CorralException { Kind: ErrorKind.BadRequest } bad => new UpstreamException(FailureClass.BadRequest, bad.Message, inner: bad),
        CorralException { Kind: ErrorKind.Busy } busy => new UpstreamException(FailureClass.Overloaded, busy.Message, inner: busy),
        CorralException corral => new UpstreamException(_provider.IsLocal ? FailureClass.LocalFailed : FailureClass.ServerError, corral.Message, inner: corral),
        OperationCanceledException => new UpstreamException(FailureClass.FirstTokenTimeout, $"{_provider.Name}: timed out", inner: e),
        _ => new UpstreamException(_provider.IsLocal ? FailureClass.LocalFailed : FailureClass.ServerError,
            $"{_provider.Name}: {e.GetType().Name}", inner: e),
    };
}
