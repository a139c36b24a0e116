using LLama;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// Quantizes a GGUF file with llama.cpp's own quantizer (<c>llama_model_quantize</c>), the same code
/// <c>llama-quantize</c> runs. The destination appears only when quantization succeeded.
/// </summary>
public static class GgufQuantizer
{
    private static readonly Dictionary<string, LLamaFtype> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["F32"] = LLamaFtype.ALL_F32,
        ["F16"] = LLamaFtype.MOSTLY_F16,
        ["BF16"] = LLamaFtype.MOSTLY_BF16,
        ["Q8_0"] = LLamaFtype.MOSTLY_Q8_0,
        ["Q4_0"] = LLamaFtype.MOSTLY_Q4_0,
        ["Q4_1"] = LLamaFtype.MOSTLY_Q4_1,
        ["Q5_0"] = LLamaFtype.MOSTLY_Q5_0,
        ["Q5_1"] = LLamaFtype.MOSTLY_Q5_1,
        ["Q2_K"] = LLamaFtype.MOSTLY_Q2_K,
        ["Q3_K_S"] = LLamaFtype.MOSTLY_Q3_K_S,
        ["Q3_K_M"] = LLamaFtype.MOSTLY_Q3_K_M,
        ["Q3_K_L"] = LLamaFtype.MOSTLY_Q3_K_L,
        ["Q4_K_S"] = LLamaFtype.MOSTLY_Q4_K_S,
        ["Q4_K_M"] = LLamaFtype.MOSTLY_Q4_K_M,
        ["Q5_K_S"] = LLamaFtype.MOSTLY_Q5_K_S,
        ["Q5_K_M"] = LLamaFtype.MOSTLY_Q5_K_M,
        ["Q6_K"] = LLamaFtype.MOSTLY_Q6_K,
    };

    /// <summary>The quantization names accepted (case-insensitive), e.g. <c>Q4_K_M</c>.</summary>
    public static IReadOnlyCollection<string> Names => Types.Keys;

    /// <summary>Whether <paramref name="name"/> is a quantization this API accepts.</summary>
    public static bool IsKnown(string name) => Types.ContainsKey(name);

    /// <summary>The canonical spelling of a quantization name (<c>q4_k_m</c> → <c>Q4_K_M</c>).</summary>
    /// <exception cref="ArgumentException">The name is not a known quantization.</exception>
    public static string Canonical(string name) =>
        Types.ContainsKey(name) ? Types.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) : throw Unknown(name);

    /// <summary>Quantizes <paramref name="source"/> into <paramref name="destination"/> (blocking; call off the UI thread).</summary>
    /// <param name="source">A GGUF with F32/F16 weights.</param>
    /// <param name="destination">Where to write; replaced atomically when the quantization succeeds.</param>
    /// <param name="quantization">A name from <see cref="Names"/>.</param>
    /// <param name="threads">Worker threads; 0 uses the physical cores.</param>
    /// <param name="logger">Receives llama.cpp's log at Debug level.</param>
    /// <exception cref="ArgumentException">Unknown quantization.</exception>
    /// <exception cref="ModelLoadException">llama.cpp refused the file or failed.</exception>
    public static void Quantize(string source, string destination, string quantization, int threads = 0, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (!Types.TryGetValue(quantization, out var type))
        {
            throw Unknown(quantization);
        }

        GgufPreflight.Check(source);
        NativeBackend.EnsureConfigured(logger);
        var partial = destination + ".partial";
        File.Delete(partial);
        NativeBackend.BeginCapture();
        bool ok;
        try
        {
            ok = LLamaQuantizer.Quantize(source, partial, type, threads > 0 ? threads : PhysicalCores.Count, allowRequantize: true, quantizeOutputTensor: false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            File.Delete(partial);
            throw new ModelLoadException($"llama.cpp could not quantize {Path.GetFileName(source)} to {quantization}: {LoadFailure.Sanitize(ex.Message, source)}", ex);
        }
        finally
        {
            var log = NativeBackend.EndCapture();
            logger?.LogDebug("llama.cpp quantize log: {Log}", log);
        }

        if (!ok || !File.Exists(partial))
        {
            File.Delete(partial);
            throw new ModelLoadException($"llama.cpp could not quantize {Path.GetFileName(source)} to {quantization}.");
        }

        File.Move(partial, destination, overwrite: true);
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown quantization '{name}'; use one of {string.Join(", ", Types.Keys)}.", nameof(name));
}
