using System.Text.Json;

namespace Corral.Protocols.OpenAI;

/// <summary>
/// Strict by default: a parameter Corral cannot honour is a 400 naming it, never silently dropped. In lenient mode
/// (<c>X-Corral-Lenient: true</c> or <c>CORRAL_LENIENT=1</c>) it is ignored and listed in <see cref="Ignored"/>, which
/// the endpoint reports in the <c>X-Corral-Ignored-Params</c> header.
/// </summary>
public sealed class ParamPolicy(bool lenient)
{
    private readonly List<string> _ignored = [];

    public bool Lenient { get; } = lenient;

    /// <summary>Parameters ignored in lenient mode, in the order met.</summary>
    public IReadOnlyList<string> Ignored => _ignored;

    /// <summary>Refuses <paramref name="param"/> (strict) or records it as ignored (lenient).</summary>
    public void Unsupported(string param, string message)
    {
        if (!Lenient)
        {
            throw new ProtocolException(message, param);
        }

        _ignored.Add(param);
    }

    /// <summary>Applies <see cref="Unsupported"/> to every field the request type does not declare.</summary>
    public void RejectUnknown(Dictionary<string, JsonElement>? extra)
    {
        foreach (var name in extra?.Keys ?? Enumerable.Empty<string>())
        {
            Unsupported(name, $"Unrecognized request argument supplied: {name}");
        }
    }
}

/// <summary>A native request plus what the endpoint needs to answer in OpenAI's shape; <paramref name="Metadata"/> is
/// the validated <c>metadata</c> (null when none was sent).</summary>
public sealed record MappedRequest<T>(T Native, bool Stream, bool IncludeUsage, IReadOnlyList<string> Ignored,
    IReadOnlyDictionary<string, string>? Metadata = null);
