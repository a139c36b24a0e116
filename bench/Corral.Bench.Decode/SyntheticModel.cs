using Corral.Gguf;
using Corral.Gguf.Synthetic;

namespace Corral.Bench.Decode;

/// <summary>Writes the benchmark's synthetic model once (seeded, so every run measures the same bytes).</summary>
internal static class SyntheticModel
{
    public static string Write(string? vocabPath)
    {
        vocabPath ??= Path.Combine(FindRepository(), "..", "shared", "models", "vocab", "ggml-vocab-llama-spm.gguf");
        var path = Path.Combine(Path.GetTempPath(), "corral-bench-synthetic-134m-f16.gguf");
        if (!File.Exists(path))
        {
            var shape = new TransformerShape(EmbeddingLength: 768, BlockCount: 12, HeadCount: 12, HeadCountKv: 12, FeedForwardLength: 2048, ContextLength: 2048);
            new SyntheticLlamaModel(shape, SyntheticVocabulary.CopyFrom(vocabPath)) { WeightType = GgmlType.F16, Name = "synthetic-134m" }
                .WriteToFile(path);
        }

        return path;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Corral.slnx not found; pass --vocab PATH");
    }
}
