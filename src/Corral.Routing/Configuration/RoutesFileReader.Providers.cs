using Corral.Routing.Upstreams;

namespace Corral.Routing.Configuration;

/// <summary>The <c>providers:</c> section.</summary>
internal sealed partial class RoutesFileReader
{
    /// <summary>The provider that is always there: Corral's own models.</summary>
    public const string LocalProvider = "local";

    private static readonly string[] ProviderKeys = ["type", "base_url", "api_key_env", "api_key_file", "headers", "timeouts", "prices"];
    private static readonly string[] TimeoutKeys = ["connect", "first_token", "idle"];
    private static readonly string[] PriceKeys = ["input", "output", "cached_input"];
    private static readonly string[] KindNames = ["anthropic", "openai", "local"];

    private Dictionary<string, ProviderConfig> ReadProviders(YamlNode node)
    {
        var providers = new Dictionary<string, ProviderConfig>(StringComparer.Ordinal);
        foreach (var entry in Named(node, "providers", "provider"))
        {
            if (ReadProvider(entry) is { } provider)
            {
                providers[provider.Name] = provider;
            }
        }

        providers.TryAdd(LocalProvider, new ProviderConfig { Name = LocalProvider, Kind = ProviderKind.Local });
        return providers;
    }

    private ProviderConfig? ReadProvider(YamlEntry entry)
    {
        var name = entry.Key.Value;
        var where = $"providers.{name}";
        if (!IsProviderName(name))
        {
            Error(entry.Key, $"provider name '{name}' must start with a letter or digit and hold only letters, digits, '_', '-' and '.'");
        }

        var fields = Fields(entry.Value, where, ProviderKeys);
        if (fields is null)
        {
            return null;
        }

        var kind = ReadKind(name, fields, entry.Key);
        if (kind is null)
        {
            return null;
        }

        if (kind == ProviderKind.Local)
        {
            foreach (var key in (string[])["base_url", "api_key_env", "api_key_file", "headers"])
            {
                if (fields.TryGetValue(key, out var stray))
                {
                    Error(stray.Key, $"{where}: a local provider takes no {key} (it is Corral's own models)");
                }
            }
        }
        else if (name == LocalProvider)
        {
            Error(entry.Key, "provider 'local' is Corral's own models: its type must be local (give the other provider another name)");
        }

        var baseUrl = kind == ProviderKind.Local ? null : ReadBaseUrl(fields, where, kind.Value);
        return new ProviderConfig
        {
            Name = name,
            Kind = kind.Value,
            BaseUrl = baseUrl,
            ApiKey = kind == ProviderKind.Local ? null : ReadKey(fields, where, entry.Key, baseUrl),
            Headers = Get(fields, "headers") is { } headers ? ReadHeaders(headers, where + ".headers") : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Timeouts = Get(fields, "timeouts") is { } timeouts ? ReadTimeouts(timeouts, where + ".timeouts") : TargetTimeouts.None,
            Prices = Get(fields, "prices") is { } prices ? ReadPrices(prices, where + ".prices") : new Dictionary<string, ModelPrice>(StringComparer.Ordinal),
        };
    }

    /// <summary><c>type:</c>; may be left out when the provider is named after its type (<c>anthropic:</c>, <c>openai:</c>, <c>local:</c>).</summary>
    private ProviderKind? ReadKind(string name, Dictionary<string, YamlEntry> fields, YamlScalar nameNode)
    {
        string? type;
        YamlNode at;
        if (Get(fields, "type") is { } node)
        {
            type = Text(node, $"providers.{name}.type");
            at = node;
            if (type is null)
            {
                return null;
            }
        }
        else if (KindNames.Contains(name, StringComparer.Ordinal))
        {
            type = name;
            at = nameNode;
        }
        else
        {
            Error(nameNode, $"provider '{name}' needs a type (anthropic, openai or local)");
            return null;
        }

        switch (type)
        {
            case "anthropic":
                return ProviderKind.Anthropic;
            case "openai":
                return ProviderKind.OpenAI;
            case "local":
                return ProviderKind.Local;
            default:
                Error(at, $"unknown provider type '{type}' (anthropic, openai or local){NearestName.Hint(type, KindNames)}");
                return null;
        }
    }

    private Uri? ReadBaseUrl(Dictionary<string, YamlEntry> fields, string where, ProviderKind kind)
    {
        if (Get(fields, "base_url") is not { } node)
        {
            return new Uri(kind == ProviderKind.Anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1");
        }

        if (Text(node, where + ".base_url") is not { } text)
        {
            return null;
        }

        // The value is never echoed: a URL pasted with credentials in it must not reach a log.
        if (!Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            Error(node, $"{where}.base_url must be an absolute http:// or https:// URL");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            Error(node, $"{where}.base_url must not hold credentials: use api_key_env or api_key_file");
            return null;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            Error(node, $"{where}.base_url must not have a query or a fragment");
            return null;
        }

        return uri;
    }

    private Dictionary<string, string> ReadHeaders(YamlNode node, string where)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Named(node, where, "header", StringComparer.OrdinalIgnoreCase))
        {
            var name = entry.Key.Value;
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                Error(entry.Key, $"'{name}' in {where} is not a valid HTTP header name");
                continue;
            }

            // Header values may be credentials: messages name the header, never its value.
            if (entry.Value is not YamlScalar { IsNull: false } value)
            {
                Error(entry.Value, $"{where}.{name} must be a string");
            }
            else if (value.Value.Any(char.IsControl))
            {
                Error(entry.Value, $"{where}.{name} must not contain line breaks or control characters");
            }
            else
            {
                headers[name] = value.Value;
            }
        }

        return headers;
    }

    private TargetTimeouts ReadTimeouts(YamlNode node, string where)
    {
        var timeouts = TargetTimeouts.None;
        foreach (var (key, entry) in Fields(node, where, TimeoutKeys) ?? [])
        {
            if (Duration(entry.Value, $"{where}.{key}") is { } value)
            {
                timeouts = key switch
                {
                    "connect" => timeouts with { Connect = value },
                    "first_token" => timeouts with { FirstToken = value },
                    _ => timeouts with { Idle = value },
                };
            }
        }

        return timeouts;
    }

    private Dictionary<string, ModelPrice> ReadPrices(YamlNode node, string where)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var entry in Named(node, where, "model"))
        {
            var model = entry.Key.Value;
            var at = $"{where}.{model}";
            if (Fields(entry.Value, at, PriceKeys) is not { } fields)
            {
                continue;
            }

            var input = Get(fields, "input") is { } i ? Price(i, at + ".input") : Missing(entry.Key, at, "input");
            var output = Get(fields, "output") is { } o ? Price(o, at + ".output") : Missing(entry.Key, at, "output");
            var cached = Get(fields, "cached_input") is { } c ? Price(c, at + ".cached_input") : null;
            if (input is { } inputPrice && output is { } outputPrice)
            {
                prices[model] = new ModelPrice(inputPrice, outputPrice, cached);
            }
        }

        return prices;
    }

    private decimal? Missing(YamlNode at, string where, string key)
    {
        Error(at, $"{where} needs {key}");
        return null;
    }

    private static bool IsProviderName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>RFC 9110 token characters.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
