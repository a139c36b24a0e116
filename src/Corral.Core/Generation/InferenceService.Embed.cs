using System.Text.Json;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Errors;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    /// <summary><c>/api/embed</c>: one L2-normalized vector per input, truncated to the context unless told not to.</summary>
    public async Task<EmbedResponse> EmbedAsync(EmbedRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var scope = DeadlineScope.Start(cancellationToken);
        var (model, facts) = Resolve(request.Model);
        var inputs = ReadInputs(request.Input);
        var options = OptionsResolver.Resolve(model.Parameters, request.Options);
        var spec = SpecFor(model, facts, options);
        await using var lease = await AcquireAsync(spec, ParseKeepAlive(request.KeepAlive), scope);
        lease.LeaveQueue(); // embeddings are computed as soon as the model is there
        if (inputs.Count == 0)
        {
            return new EmbedResponse { Model = model.DisplayName, LoadDuration = Nanoseconds(lease.LoadDuration) };
        }

        var runner = lease.Runner;
        var limit = Math.Min(spec.Runner.ContextLength, runner.Info.EmbeddingLimit);
        var tokenized = new List<int[]>(inputs.Count);
        var truncated = 0;
        foreach (var input in inputs)
        {
            var tokens = runner.Tokenize(input, addSpecial: true, parseSpecial: false);
            if (tokens.Length > limit)
            {
                if (request.Truncate == false)
                {
                    throw CorralException.BadRequest("the input length exceeds the context length");
                }

                truncated += tokens.Length - limit;
                tokens = tokens[..limit];
            }

            tokenized.Add(tokens);
        }

        if (truncated > 0)
        {
            Log.PromptTruncated(_logger, model.DisplayName, truncated, limit);
        }

        var result = await scope.RunAsync(token => runner.EmbedAsync(tokenized, token).AsTask(), "computing embeddings");
        var vectors = new float[result.Vectors.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Vectors.Normalize(result.Vectors[i], request.Dimensions);
        }

        return new EmbedResponse
        {
            Model = model.DisplayName,
            Embeddings = vectors,
            TotalDuration = Nanoseconds(_time.GetElapsedTime(started)),
            LoadDuration = Nanoseconds(lease.LoadDuration),
            PromptEvalCount = result.PromptTokens,
            TruncatedTokens = truncated > 0 ? truncated : null,
        };
    }

    /// <summary>Legacy <c>/api/embeddings</c>: one vector, as the model produces it (not normalized).</summary>
    public async Task<EmbeddingsResponse> EmbeddingsAsync(EmbeddingsRequest request, CancellationToken cancellationToken)
    {
        using var scope = DeadlineScope.Start(cancellationToken);
        var (model, facts) = Resolve(request.Model);
        var options = OptionsResolver.Resolve(model.Parameters, request.Options);
        var spec = SpecFor(model, facts, options);
        await using var lease = await AcquireAsync(spec, ParseKeepAlive(request.KeepAlive), scope);
        lease.LeaveQueue();
        if (string.IsNullOrEmpty(request.Prompt))
        {
            return new EmbeddingsResponse();
        }

        var tokens = lease.Runner.Tokenize(request.Prompt, addSpecial: true, parseSpecial: false);
        var limit = Math.Min(spec.Runner.ContextLength, lease.Runner.Info.EmbeddingLimit);
        if (tokens.Length > limit)
        {
            throw CorralException.BadRequest("the input length exceeds the context length");
        }

        var result = await scope.RunAsync(token => lease.Runner.EmbedAsync([tokens], token).AsTask(), "computing embeddings");
        var vector = result.Vectors[0];
        Vectors.EnsureFinite(vector);
        var embedding = new double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            embedding[i] = vector[i];
        }

        return new EmbeddingsResponse { Embedding = embedding };
    }

    private static List<string> ReadInputs(JsonElement? input)
    {
        if (input is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            return text.Length == 0 ? [] : [text];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw CorralException.BadRequest("invalid input type");
        }

        var inputs = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            inputs.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw CorralException.BadRequest("invalid input type"));
        }

        return inputs;
    }
}
