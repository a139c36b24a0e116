using System.Globalization;

namespace Corral.Gguf.Synthetic;

/// <summary>
/// The <c>tokenizer.*</c> metadata of a synthetic model: either copied from an existing GGUF (e.g. llama.cpp's
/// <c>ggml-vocab-*.gguf</c> files) or a small built-in SentencePiece-style vocabulary that needs no files.
/// </summary>
public sealed class SyntheticVocabulary
{
    private SyntheticVocabulary(IReadOnlyList<GgufMetadataEntry> entries, int tokenCount)
    {
        Entries = entries;
        TokenCount = tokenCount;
    }

    /// <summary>The tokenizer metadata, in order.</summary>
    public IReadOnlyList<GgufMetadataEntry> Entries { get; }

    /// <summary>Number of tokens (rows of token_embd.weight).</summary>
    public int TokenCount { get; }

    /// <summary>Copies every <c>tokenizer.*</c> key of a parsed file, whose arrays must be loaded.</summary>
    /// <exception cref="ArgumentException">The file has no loaded <c>tokenizer.ggml.tokens</c>.</exception>
    public static SyntheticVocabulary CopyFrom(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Metadata.TryGetArray(GgufKeys.Tokens, out var tokens) || !tokens.IsLoaded || tokens.Count == 0)
        {
            throw new ArgumentException("The file has no loaded tokenizer.ggml.tokens array.", nameof(file));
        }

        var entries = file.Metadata.Entries.Where(e => e.Key.StartsWith("tokenizer.", StringComparison.Ordinal)).ToList();
        if (entries.Any(e => e.Value.TryGetArray(out var a) && !a.IsLoaded))
        {
            throw new ArgumentException("Every tokenizer array must be loaded to copy a vocabulary.", nameof(file));
        }

        return new SyntheticVocabulary(entries, checked((int)tokens.Count));
    }

    /// <summary>Reads a GGUF file and copies its vocabulary.</summary>
    public static SyntheticVocabulary CopyFrom(string ggufPath) => CopyFrom(GgufFile.Open(ggufPath));

    /// <summary>
    /// A small SentencePiece ("llama") vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256 byte tokens
    /// &lt;0x00&gt;..&lt;0xFF&gt;, single characters, and word pieces with all their prefixes so that the SPM merge
    /// tokenizer can reach every piece.
    /// </summary>
    public static SyntheticVocabulary BuiltInSpm()
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { 2, 3, 3 };
        var scores = new List<float> { 0f, 0f, 0f };
        for (int b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b.ToString("X2", CultureInfo.InvariantCulture)}>");
            types.Add(6);
            scores.Add(0f);
        }

        foreach (string piece in SpmPieces())
        {
            tokens.Add(piece);
            types.Add(1);
            scores.Add(-1000f + piece.Length * 10 - tokens.Count * 0.001f);
        }

        var entries = new List<GgufMetadataEntry>
        {
            new(GgufKeys.TokenizerModel, "llama"),
            new(GgufKeys.Tokens, GgufArray.Create(tokens)),
            new(GgufKeys.Scores, GgufArray.Create(scores)),
            new(GgufKeys.TokenType, GgufArray.Create(types)),
            new(GgufKeys.BosTokenId, 1u),
            new(GgufKeys.EosTokenId, 2u),
            new(GgufKeys.UnknownTokenId, 0u),
            new("tokenizer.ggml.add_bos_token", true),
            new("tokenizer.ggml.add_eos_token", false),
        };
        return new SyntheticVocabulary(entries, tokens.Count);
    }

    private static IEnumerable<string> SpmPieces()
    {
        const string Space = "\u2581";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-:;()";
        foreach (char c in chars)
        {
            if (seen.Add(c.ToString()))
            {
                yield return c.ToString();
            }
        }

        if (seen.Add(Space))
        {
            yield return Space;
        }

        foreach (string word in Words)
        {
            string piece = Space + word;
            for (int len = 2; len <= piece.Length; len++)
            {
                string prefix = piece[..len];
                if (seen.Add(prefix))
                {
                    yield return prefix;
                }
            }
        }
    }

    private static readonly string[] Words =
    [
        "the", "a", "and", "to", "of", "in", "is", "was", "it", "he", "she", "they", "you", "I", "we", "that",
        "for", "on", "with", "as", "at", "his", "her", "their", "be", "had", "have", "not", "but", "one", "said",
        "there", "day", "little", "big", "happy", "sad", "friend", "friends", "play", "played", "went", "saw",
        "Once", "upon", "time", "girl", "boy", "named", "Lily", "Tom", "Ben", "mom", "dad", "dog", "cat", "bird",
        "tree", "park", "ball", "toy", "home", "house", "sun", "water", "very", "so", "too", "wanted", "liked",
        "loved", "found", "looked", "asked", "help", "together", "from", "then", "when", "what", "who", "how",
        "hello", "world", "yes", "no", "good", "bad", "new", "old", "run", "ran", "jump", "walk", "eat", "food",
        "story", "model", "test", "token", "text", "red", "blue", "green", "small", "tall", "fast", "slow",
    ];
}
