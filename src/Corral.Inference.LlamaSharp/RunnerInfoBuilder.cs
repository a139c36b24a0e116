using System.Globalization;
using System.Text;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>Fills <see cref="RunnerInfo"/> from the loaded model, its context and what llama.cpp logged while allocating them.</summary>
internal static class RunnerInfoBuilder
{
    public static RunnerInfo Build(SafeLlamaModelHandle model, SafeLLamaContextHandle context, RunnerLoadRequest request, int threads, string modelLog, string contextLog)
    {
        var (contextBytes, contextVram) = SumBuffers(contextLog);
        var (_, modelVram) = SumBuffers(modelLog);
        if (contextBytes == 0)
        {
            contextBytes = EstimateKvBytes(model, (long)context.ContextSize);
        }

        // The KV cache is unified (see ModelLoader): every sequence can use ContextLength cells of the shared pool.
        var perSequence = (int)Math.Min(request.ContextLength, context.ContextSize);
        var kvBytes = SumKvBuffers(contextLog);
        if (kvBytes == 0)
        {
            kvBytes = EstimateKvBytes(model, (long)context.ContextSize);
        }
        return new RunnerInfo
        {
            TrainedContextLength = model.ContextSize,
            ContextLength = perSequence,
            EmbeddingContextLength = Math.Min(perSequence, RunnerInfo.MaxEmbeddingContext),
            Parallel = request.Parallel,
            EmbeddingLength = model.EmbeddingSize,
            VocabSize = model.Vocab.Count,
            AddsBos = model.Vocab.ShouldAddBOS,
            SizeBytes = (long)model.SizeInBytes + contextBytes,
            SizeVramBytes = modelVram + contextVram,
            Threads = threads,
            KvCacheTokens = (int)context.ContextSize,
            KvCacheBytes = kvBytes,
            KvCacheShared = true,
            ChatTemplate = ChatTemplate(model),
        };
    }

    /// <summary>The GGUF's default <c>tokenizer.chat_template</c>, or null.</summary>
    private static string? ChatTemplate(SafeLlamaModelHandle model)
    {
        var template = model.GetTemplate(null!, strict: false);
        return string.IsNullOrEmpty(template) ? Metadata(model, "tokenizer.chat_template") : template;
    }

    /// <summary>Reads a GGUF metadata value as text, or null when absent.</summary>
    public static string? Metadata(SafeLlamaModelHandle model, string key)
    {
        var value = model.MetadataValueByKey(key);
        return value is { } bytes ? Encoding.UTF8.GetString(bytes.Span).TrimEnd('\0') : null;
    }

    /// <summary>
    /// Sums llama.cpp's "&lt;device&gt; ... buffer size = N MiB" log lines (KV cache, output and compute buffers).
    /// Returns all bytes and the bytes on devices other than the CPU.
    /// </summary>
    internal static (long Total, long Device) SumBuffers(string log)
    {
        long total = 0, device = 0;
        foreach (var line in log.Split('\n'))
        {
            var at = line.IndexOf("buffer size", StringComparison.Ordinal);
            var eq = line.IndexOf('=', Math.Max(at, 0));
            var mib = line.IndexOf("MiB", Math.Max(eq, 0), StringComparison.Ordinal);
            if (at < 0 || eq < 0 || mib < 0)
            {
                continue;
            }

            if (!double.TryParse(line.AsSpan(eq + 1, mib - eq - 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var size))
            {
                continue;
            }

            var bytes = (long)(size * 1024 * 1024);
            var colon = line.IndexOf(':');
            var rest = line[(colon + 1)..at].Trim();
            var name = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "CPU";
            total += bytes;
            if (!name.StartsWith("CPU", StringComparison.OrdinalIgnoreCase))
            {
                device += bytes;
            }
        }

        return (total, device);
    }

    /// <summary>Sums llama.cpp's "... KV buffer size = N MiB" log lines (the KV cache on every device).</summary>
    internal static long SumKvBuffers(string log)
    {
        long total = 0;
        foreach (var line in log.Split('\n'))
        {
            var at = line.IndexOf("KV buffer size", StringComparison.Ordinal);
            var eq = line.IndexOf('=', Math.Max(at, 0));
            var mib = line.IndexOf("MiB", Math.Max(eq, 0), StringComparison.Ordinal);
            if (at >= 0 && eq >= 0 && mib >= 0
                && double.TryParse(line.AsSpan(eq + 1, mib - eq - 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var size))
            {
                total += (long)(size * 1024 * 1024);
            }
        }

        return total;
    }

    private static long EstimateKvBytes(SafeLlamaModelHandle model, long contextTokens)
    {
        var heads = Math.Max(1, model.HeadCount);
        var kvHeads = Math.Max(1, model.KVHeadCount);
        long perToken = 2L * model.EmbeddingSize / heads * kvHeads; // K and V rows per layer
        return contextTokens * model.LayerCount * perToken * sizeof(ushort);
    }
}
