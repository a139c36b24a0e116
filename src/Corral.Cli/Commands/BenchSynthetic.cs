using System.Globalization;
using Corral.Api;
using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Create;
using Corral.Gguf.Synthetic;
using Corral.Inference.LlamaSharp;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>--synthetic SHAPE[:QUANT]</c>: writes a random-weight F16 GGUF of a real architecture's shape with a real
/// vocabulary, quantizes it through llama.cpp, caches the result under <c>~/.corral/cache/synthetic</c> (keyed by shape,
/// vocabulary and quantization) and creates a model from it on the server, uploading it as a blob like <c>create</c>.
/// The files are made here because they are the client's input, as a Modelfile's FROM file is.
/// </summary>
internal static class BenchSynthetic
{
    /// <summary>The vocabulary used unless <c>--vocab</c> names another (50257 tokens, GPT-2 BPE).</summary>
    public const string DefaultVocabulary = "ggml-vocab-gpt-2.gguf";

    /// <summary>Cache format version; bump when the generated files change.</summary>
    private const int Version = 1;

    /// <summary>Builds (or reuses) the synthetic model and creates it on the server; returns the model name and file size.</summary>
    public static async Task<(string Model, long SizeBytes)> PrepareAsync(
        CliContext context, CorralClient client, string spec, string? vocabularyPath, CancellationToken cancellationToken)
    {
        var console = context.Console;
        (string shapeName, TransformerShape shape, string? quant) parsed;
        try
        {
            parsed = SyntheticShapes.Parse(spec);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        var quant = parsed.quant ?? "F16";
        if (!GgufQuantizer.IsKnown(quant))
        {
            throw new CliException($"unknown quantization '{quant}'; use one of {string.Join(", ", GgufQuantizer.Names)}");
        }

        quant = GgufQuantizer.Canonical(quant);
        var vocabPath = vocabularyPath ?? FindVocabulary(console)
            ?? throw new CliException($"no vocabulary for the synthetic model: {DefaultVocabulary} was not found under ../shared/models/vocab; pass --vocab FILE.gguf");
        var vocabName = Path.GetFileNameWithoutExtension(vocabPath).Replace("ggml-vocab-", "", StringComparison.Ordinal);
        var cache = CacheDirectory(console);
        Directory.CreateDirectory(cache);
        var stem = string.Create(CultureInfo.InvariantCulture, $"{parsed.shapeName}-{vocabName}-v{Version}");
        var final = Path.Combine(cache, $"{stem}-{quant}.gguf");
        if (!File.Exists(final))
        {
            var f16 = Path.Combine(cache, $"{stem}-F16.gguf");
            if (!File.Exists(f16))
            {
                await console.Error.WriteLineAsync($"writing synthetic {parsed.shapeName} (F16, vocabulary {vocabName}) to {f16}").ConfigureAwait(false);
                var vocabulary = SyntheticVocabulary.CopyFrom(vocabPath);
                var builder = new SyntheticLlamaModel(parsed.shape, vocabulary) { WeightType = Gguf.GgmlType.F16, Name = $"synthetic-{parsed.shapeName}" };
                await Task.Run(() => builder.WriteToFile(f16), cancellationToken).ConfigureAwait(false);
            }

            if (!string.Equals(quant, "F16", StringComparison.Ordinal))
            {
                await console.Error.WriteLineAsync($"quantizing to {quant} with llama.cpp").ConfigureAwait(false);
                await Task.Run(() => GgufQuantizer.Quantize(f16, final, quant), cancellationToken).ConfigureAwait(false);
                File.Delete(f16); // the quantized file is what is cached; the F16 one is large
            }
        }

        var model = ModelNameFor(parsed.shapeName, quant);
        var digest = await DigestAsync(final, cancellationToken).ConfigureAwait(false);
        await BlobUploader.EnsureAsync(client, final, digest, progress: null, cancellationToken).ConfigureAwait(false);
        var request = new CreateRequest { Model = model, Files = new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFileName(final)] = digest } };
        await foreach (var _ in client.CreateAsync(request, cancellationToken).ConfigureAwait(false))
        {
        }

        return (model, new FileInfo(final).Length);
    }

    /// <summary>The server-side model name, e.g. <c>synthetic-qwen2-0.5b:q4_k_m</c>.</summary>
    public static string ModelNameFor(string shape, string quant)
    {
        var name = $"synthetic-{shape}:{quant.ToLowerInvariant()}";
        return ModelName.TryParse(name, out _) ? name : throw new CliException($"invalid model name {name}");
    }

    /// <summary>The cache folder: <c>$CORRAL_HOME/cache/synthetic</c> or <c>~/.corral/cache/synthetic</c>.</summary>
    public static string CacheDirectory(CliConsole console)
    {
        var home = console.Env("CORRAL_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".corral");
        return Path.Combine(home, "cache", "synthetic");
    }

    /// <summary>
    /// Finds the default vocabulary as the tests find models: <c>$CORRAL_TEST_MODELS/vocab</c>, then
    /// <c>shared/models/vocab</c> beside the checkout holding this program or the current folder.
    /// </summary>
    public static string? FindVocabulary(CliConsole console)
    {
        if (console.Env("CORRAL_TEST_MODELS") is { Length: > 0 } models
            && Path.Combine(models, "vocab", DefaultVocabulary) is var direct && File.Exists(direct))
        {
            return direct;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "models", "vocab", DefaultVocabulary);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The file's digest, remembered beside it (hashing a large file at every bench is slow).</summary>
    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        var sidecar = path + ".sha256";
        var info = new FileInfo(path);
        if (File.Exists(sidecar) && File.GetLastWriteTimeUtc(sidecar) >= info.LastWriteTimeUtc)
        {
            var text = (await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false)).Trim();
            if (text.StartsWith("sha256:", StringComparison.Ordinal))
            {
                return text;
            }
        }

        var digest = await BlobUploader.DigestAsync(path, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(sidecar, digest, cancellationToken).ConfigureAwait(false);
        return digest;
    }
}
