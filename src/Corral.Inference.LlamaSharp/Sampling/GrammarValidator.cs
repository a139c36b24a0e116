using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;

namespace Corral.Inference.LlamaSharp.Sampling;

/// <summary>
/// Checks that llama.cpp can parse a GBNF grammar before it joins a sampler chain: <c>llama_sampler_init_grammar</c>
/// returns null for a bad grammar and LLamaSharp 0.30 adds that null to the chain, which crashes the process on the
/// next sample. The check calls the loaded libllama's exports directly.
/// </summary>
internal static unsafe class GrammarValidator
{
    private static readonly Lazy<Exports?> Native = new(Resolve);

    /// <summary>True when the grammar parses (or when the check is unavailable, in which case the caller proceeds).</summary>
    public static bool CanParse(SafeLlamaModelHandle model, string grammar, out bool checkedNatively)
    {
        var exports = Native.Value;
        checkedNatively = exports is not null;
        if (exports is null)
        {
            return true;
        }

        var text = Encoding.UTF8.GetBytes(grammar + "\0");
        var root = "root\0"u8;
        var added = false;
        try
        {
            model.DangerousAddRef(ref added);
            var vocab = exports.GetVocab(model.DangerousGetHandle());
            fixed (byte* textPtr = text)
            fixed (byte* rootPtr = root)
            {
                var sampler = exports.InitGrammar(vocab, textPtr, rootPtr);
                if (sampler == 0)
                {
                    return false;
                }

                exports.Free(sampler);
                return true;
            }
        }
        finally
        {
            if (added)
            {
                model.DangerousRelease();
            }
        }
    }

    private static Exports? Resolve()
    {
        var module = Process.GetCurrentProcess().Modules.Cast<ProcessModule>()
            .FirstOrDefault(m => Path.GetFileName(m.FileName) is "libllama.so" or "llama.dll" or "libllama.dylib");
        if (module is null || !NativeLibrary.TryLoad(module.FileName, out var library))
        {
            return null;
        }

        return NativeLibrary.TryGetExport(library, "llama_model_get_vocab", out var getVocab)
            && NativeLibrary.TryGetExport(library, "llama_sampler_init_grammar", out var init)
            && NativeLibrary.TryGetExport(library, "llama_sampler_free", out var free)
            ? new Exports(
                (delegate* unmanaged<nint, nint>)getVocab,
                (delegate* unmanaged<nint, byte*, byte*, nint>)init,
                (delegate* unmanaged<nint, void>)free)
            : null;
    }

    private sealed class Exports(delegate* unmanaged<nint, nint> getVocab, delegate* unmanaged<nint, byte*, byte*, nint> initGrammar, delegate* unmanaged<nint, void> free)
    {
        public nint GetVocab(nint model) => getVocab(model);

        public nint InitGrammar(nint vocab, byte* grammar, byte* root) => initGrammar(vocab, grammar, root);

        public void Free(nint sampler) => free(sampler);
    }
}
