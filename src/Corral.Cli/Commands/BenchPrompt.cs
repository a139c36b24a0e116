using System.Globalization;
using System.Text;

namespace Corral.Cli.Commands;

/// <summary>
/// Builds bench prompts of about N tokens from common English words (one BPE or SentencePiece token each in most
/// vocabularies). Every prompt starts with a distinct marker so that the server's prefix cache cannot serve it,
/// unless a shared prefix is asked for. The server reports the exact count (<c>prompt_eval_count</c>).
/// </summary>
internal static class BenchPrompt
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "as", "at", "by", "from", "that", "this",
        "it", "he", "she", "they", "we", "you", "one", "all", "there", "when", "which", "their", "time", "day",
        "water", "house", "school", "world", "people", "city", "year", "place", "name", "work", "hand", "part",
        "good", "new", "old", "long", "great", "little", "small", "large", "high", "early", "young", "last",
    ];

    /// <summary>About <paramref name="tokens"/> tokens of text beginning with a marker unique to <paramref name="seed"/>.</summary>
    public static string Build(int tokens, int seed)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Document {seed}:");
        Append(builder, Math.Max(1, tokens - 4), seed);
        return builder.ToString();
    }

    /// <summary>A short continuation distinct for each <paramref name="seed"/>, appended to a shared prefix.</summary>
    public static string Suffix(int seed) => string.Create(CultureInfo.InvariantCulture, $" Question {seed}: what happened next?");

    private static void Append(StringBuilder builder, int words, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < words; i++)
        {
            builder.Append(' ').Append(Words[random.Next(Words.Length)]);
            if (i % 16 == 15)
            {
                builder.Append('.');
            }
        }
    }
}
