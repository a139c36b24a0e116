using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>Maps <c>/v1/completions</c> to native generate requests and native answers back.</summary>
public static class CompletionMapper
{
    public static MappedRequest<GenerateRequest> Map(CompletionRequest request, ParamPolicy policy, int? headerContextLength = null)
    {
        Sampling.Require(!string.IsNullOrWhiteSpace(request.Model), "model", "you must provide a model parameter");
        policy.RejectUnknown(request.Extra);
        var prompt = request.Prompt switch
        {
            null or { ValueKind: JsonValueKind.Null } => "",
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() == 1 && a[0].ValueKind == JsonValueKind.String => a[0].GetString()!,
            _ => throw new ProtocolException("prompt must be a string (batches and token arrays are not supported)", "prompt"),
        };
        if (request.Echo == true)
        {
            policy.Unsupported("echo", "echo is not supported");
        }

        if (request.N is { } n && n != 1)
        {
            policy.Unsupported("n", "n > 1 is not supported: Corral returns one choice per request");
        }

        if (request.BestOf is { } bestOf && bestOf != 1)
        {
            policy.Unsupported("best_of", "best_of > 1 is not supported");
        }

        if (request.LogitBias is { Count: > 0 })
        {
            policy.Unsupported("logit_bias", "logit_bias is not supported");
        }

        Sampling.Require(request.Logprobs is null or (>= 0 and <= 5), "logprobs", "logprobs must be between 0 and 5");
        var options = Sampling.ToOptions(new SamplingFields
        {
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Seed = request.Seed,
            Stop = request.Stop,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            NumCtx = request.NumCtx,
            Options = request.Options,
        }, headerContextLength, "max_tokens");
        var native = new GenerateRequest
        {
            Model = request.Model,
            Prompt = prompt,
            Suffix = request.Suffix,
            Options = options,
            KeepAlive = request.KeepAlive,
            Logprobs = request.Logprobs is not null,
            TopLogprobs = request.Logprobs,
            Stream = request.Stream == true,
        };
        return new MappedRequest<GenerateRequest>(native, request.Stream == true, request.StreamOptions?.IncludeUsage == true, policy.Ignored);
    }

    /// <summary>A whole completion (or, with <paramref name="final"/> false, one streamed chunk without usage).</summary>
    public static TextCompletion ToCompletion(GenerateResponse native, string id, long created, bool final = true, int textOffset = 0) => new()
    {
        Id = id,
        Created = created,
        Model = native.Model,
        Choices =
        [
            new CompletionChoice
            {
                Text = native.Response,
                Logprobs = Logprobs(native.Logprobs, textOffset),
                FinishReason = native.Done ? ChatResponseMapper.FinishReason(native.DoneReason, false) : null,
            },
        ],
        Usage = final && native.Done ? ChatResponseMapper.UsageOf(native) : null,
    };

    /// <summary>The usage-only chunk sent last when <c>stream_options.include_usage</c> is set.</summary>
    public static TextCompletion UsageChunk(GenerateResponse done, string id, long created) =>
        new() { Id = id, Created = created, Model = done.Model, Usage = ChatResponseMapper.UsageOf(done) };

    public static CompletionLogprobs? Logprobs(Logprob[]? logprobs, int textOffset)
    {
        if (logprobs is null)
        {
            return null;
        }

        var offsets = new int[logprobs.Length];
        for (var i = 0; i < logprobs.Length; i++)
        {
            offsets[i] = textOffset;
            textOffset += logprobs[i].Token.Length;
        }

        return new CompletionLogprobs
        {
            Tokens = logprobs.Select(l => l.Token).ToArray(),
            TokenLogprobs = logprobs.Select(l => l.Value).ToArray(),
            TopLogprobs = logprobs.Select(l => (l.TopLogprobs ?? []).GroupBy(t => t.Token, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)).ToArray(),
            TextOffset = offsets,
        };
    }
}
