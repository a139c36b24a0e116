using System.Diagnostics.CodeAnalysis;

namespace Corral.Api;

/// <summary>
/// A fully-qualified model name <c>host/namespace/model:tag</c>, parsed exactly like Ollama's
/// <c>types/model/name.go</c> (optional <c>http://</c>/<c>https://</c> scheme; defaults
/// <c>registry.ollama.ai</c>, <c>library</c>, <c>latest</c>). Case is preserved, equality and hashing are
/// case-insensitive. Every part is validated so that <see cref="ManifestPathParts"/> can never leave the store.
/// </summary>
public sealed class ModelName : IEquatable<ModelName>, ISpanParsable<ModelName>
{
    /// <summary>Default registry host.</summary>
    public const string DefaultHost = "registry.ollama.ai";

    /// <summary>Default namespace.</summary>
    public const string DefaultNamespace = "library";

    /// <summary>Default tag.</summary>
    public const string DefaultTag = "latest";

    /// <summary>Default scheme when none is given.</summary>
    public const string DefaultScheme = "https";

    private ModelName(string scheme, string host, string @namespace, string model, string tag)
    {
        Scheme = scheme;
        Host = host;
        Namespace = @namespace;
        Model = model;
        Tag = tag;
    }

    /// <summary><c>http</c> or <c>https</c> (not part of equality or display).</summary>
    public string Scheme { get; }

    /// <summary>Registry host, possibly with <c>:port</c> (1–350 chars).</summary>
    public string Host { get; }

    /// <summary>Namespace (1–80 chars, no dots).</summary>
    public string Namespace { get; }

    /// <summary>Model (1–80 chars).</summary>
    public string Model { get; }

    /// <summary>Tag (1–80 chars).</summary>
    public string Tag { get; }

    /// <summary>The four store path segments <c>(host, namespace, model, tag)</c> for <c>manifests/…</c>; each is a single safe segment.</summary>
    public (string Host, string Namespace, string Model, string Tag) ManifestPathParts => (Host, Namespace, Model, Tag);

    /// <summary>The manifest path relative to the models root, with <c>/</c> separators.</summary>
    public string ManifestRelativePath => $"manifests/{Host}/{Namespace}/{Model}/{Tag}";

    /// <summary>Shortest display: drops the default host and <c>library/</c>; the tag is always shown.</summary>
    public string DisplayShortest
    {
        get
        {
            if (!string.Equals(Host, DefaultHost, StringComparison.OrdinalIgnoreCase))
            {
                return $"{Host}/{Namespace}/{Model}:{Tag}";
            }

            return string.Equals(Namespace, DefaultNamespace, StringComparison.OrdinalIgnoreCase)
                ? $"{Model}:{Tag}"
                : $"{Namespace}/{Model}:{Tag}";
        }
    }

    /// <summary>Parses a name.</summary>
    /// <exception cref="FormatException"><c>invalid model name</c>.</exception>
    public static ModelName Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    public static ModelName Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static ModelName Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var name) ? name : throw new FormatException("invalid model name");

    /// <summary>Tries to parse a name; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out ModelName result) =>
        TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string?, out ModelName)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ModelName result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string?, out ModelName)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out ModelName result)
    {
        result = null;
        var scheme = DefaultScheme;
        string? host = null, ns = null, tag = null;

        var lastColon = s.LastIndexOf(':');
        if (lastColon > s.LastIndexOf('/'))
        {
            tag = s[(lastColon + 1)..].ToString();
            s = s[..lastColon];
        }

        var slash = s.LastIndexOf('/');
        string model;
        if (slash < 0)
        {
            model = s.ToString();
        }
        else
        {
            model = s[(slash + 1)..].ToString();
            s = s[..slash];
            slash = s.LastIndexOf('/');
            if (slash < 0)
            {
                ns = s.ToString();
            }
            else
            {
                ns = s[(slash + 1)..].ToString();
                s = s[..slash];
                var sep = s.IndexOf("://", StringComparison.Ordinal);
                if (sep >= 0)
                {
                    var rawScheme = s[..sep];
                    if (rawScheme.Equals("http", StringComparison.OrdinalIgnoreCase) || rawScheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                    {
                        scheme = rawScheme.ToString().ToLowerInvariant();
                    }
                    else
                    {
                        return false;
                    }

                    s = s[(sep + 3)..];
                }

                host = s.ToString();
            }
        }

        host ??= DefaultHost;
        ns ??= DefaultNamespace;
        tag ??= DefaultTag;
        if (!ModelNamePart.IsValid(ModelNamePart.Kind.Host, host) ||
            !ModelNamePart.IsValid(ModelNamePart.Kind.Namespace, ns) ||
            !ModelNamePart.IsValid(ModelNamePart.Kind.Model, model) ||
            !ModelNamePart.IsValid(ModelNamePart.Kind.Tag, tag))
        {
            return false;
        }

        result = new ModelName(scheme, host, ns, model, tag);
        return true;
    }

    /// <summary>True when <paramref name="s"/> is a valid namespace part.</summary>
    public static bool IsValidNamespace(string s) => ModelNamePart.IsValid(ModelNamePart.Kind.Namespace, s);

    /// <summary>Returns a copy with another tag.</summary>
    /// <exception cref="FormatException">The tag is invalid.</exception>
    public ModelName WithTag(string tag) =>
        ModelNamePart.IsValid(ModelNamePart.Kind.Tag, tag)
            ? new ModelName(Scheme, Host, Namespace, Model, tag)
            : throw new FormatException("invalid model name");

    /// <inheritdoc />
    public bool Equals(ModelName? other) =>
        other is not null &&
        string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Namespace, other.Namespace, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Model, other.Model, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Tag, other.Tag, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ModelName);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Host),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Namespace),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Model),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Tag));

    /// <summary>Case-insensitive equality.</summary>
    public static bool operator ==(ModelName? left, ModelName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Case-insensitive inequality.</summary>
    public static bool operator !=(ModelName? left, ModelName? right) => !(left == right);

    /// <summary>The full form <c>host/namespace/model:tag</c>.</summary>
    public override string ToString() => $"{Host}/{Namespace}/{Model}:{Tag}";
}
