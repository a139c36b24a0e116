using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Corral.Api;

/// <summary>
/// A SHA-256 content digest: <c>sha256:</c> followed by exactly 64 lower-case hex digits. Parsing also accepts the
/// blob file form <c>sha256-&lt;hex&gt;</c> (as Ollama's <c>/api/blobs</c> does) and nothing else, so a digest can
/// never carry path syntax.
/// </summary>
public readonly record struct Digest : ISpanParsable<Digest>
{
    private const string Prefix = "sha256";
    private const int HexLength = 64;

    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex characters (empty for <c>default</c>).</summary>
    public string Hex { get => field ?? string.Empty; }

    /// <summary>The blob file name <c>sha256-&lt;hex&gt;</c>.</summary>
    public string BlobFileName => $"{Prefix}-{Hex}";

    /// <summary>Parses <c>sha256:&lt;hex&gt;</c> or <c>sha256-&lt;hex&gt;</c>.</summary>
    /// <exception cref="FormatException"><c>invalid digest format</c>.</exception>
    public static Digest Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)"/>
    public static Digest Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static Digest Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var d) ? d : throw new FormatException("invalid digest format");

    /// <summary>Tries to parse; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out Digest result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string?, out Digest)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Digest result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string?, out Digest)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Digest result)
    {
        result = default;
        if (s.Length != Prefix.Length + 1 + HexLength || !s.StartsWith(Prefix, StringComparison.Ordinal) || s[Prefix.Length] is not (':' or '-'))
        {
            return false;
        }

        var hex = s[(Prefix.Length + 1)..];
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        result = new Digest(hex.ToString());
        return true;
    }

    /// <summary>Creates a digest from a 32-byte SHA-256 hash.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public static Digest FromHash(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("a SHA-256 hash is 32 bytes", nameof(sha256));
        }

        return new Digest(Convert.ToHexStringLower(sha256));
    }

    /// <summary>Hashes a byte span.</summary>
    public static Digest Compute(ReadOnlySpan<byte> data) => FromHash(SHA256.HashData(data));

    /// <summary>Hashes a stream to its end.</summary>
    public static Digest Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromHash(SHA256.HashData(stream));
    }

    /// <summary>Hashes a stream to its end asynchronously.</summary>
    public static async Task<Digest> ComputeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromHash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>sha256:&lt;hex&gt;</c>.</summary>
    public override string ToString() => $"{Prefix}:{Hex}";
}
