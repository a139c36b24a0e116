namespace Corral.Routing.Configuration;

/// <summary>Turns a routes file's <see cref="YamlNode"/> tree into a <see cref="RouterConfig"/>, collecting every
/// problem instead of stopping at the first. One instance reads one file.</summary>
internal sealed partial class RoutesFileReader(string baseDirectory, Func<string, string?> environment)
{
    private static readonly string[] TopKeys = ["providers", "routes", "cooldowns", "log"];
    private static readonly string[] CooldownKeys = ["rate_limited", "max_retry_after", "quota_exhausted", "breaker_failures", "breaker_open"];
    private static readonly string[] LogKeys = ["path", "jsonl", "content"];

    private readonly List<RoutesFileError> errors = [];

    /// <summary>In file order.</summary>
    public IReadOnlyList<RoutesFileError> Errors =>
        [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    public RouterConfig Read(YamlNode? root)
    {
        var empty = new YamlScalar("", Plain: true, 1, 1);
        var fields = Fields(root ?? empty, "the routes file", TopKeys) ?? [];
        var providers = ReadProviders(Get(fields, "providers") ?? empty);
        return new RouterConfig
        {
            Providers = providers,
            Routes = ReadRoutes(Get(fields, "routes") ?? empty, providers),
            Cooldowns = Get(fields, "cooldowns") is { } cooldowns ? ReadCooldowns(cooldowns) : new CooldownConfig(),
            Log = Get(fields, "log") is { } log ? ReadLog(log) : new LogConfig(),
        };
    }

    private static YamlNode? Get(Dictionary<string, YamlEntry> fields, string key) =>
        fields.TryGetValue(key, out var entry) ? entry.Value : null;

    private CooldownConfig ReadCooldowns(YamlNode node)
    {
        var config = new CooldownConfig();
        var fields = Fields(node, "cooldowns", CooldownKeys);
        if (fields is null)
        {
            return config;
        }

        foreach (var (key, entry) in fields)
        {
            var where = "cooldowns." + key;
            config = key switch
            {
                "rate_limited" => Duration(entry.Value, where) is { } d ? config with { RateLimited = d } : config,
                "max_retry_after" => Duration(entry.Value, where) is { } d ? config with { MaxRetryAfter = d } : config,
                "quota_exhausted" => Duration(entry.Value, where) is { } d ? config with { QuotaExhausted = d } : config,
                "breaker_failures" => PositiveInt(entry.Value, where) is { } n ? config with { BreakerFailures = n } : config,
                _ => Duration(entry.Value, where) is { } d ? config with { BreakerOpen = d } : config,
            };
        }

        return config;
    }

    private LogConfig ReadLog(YamlNode node)
    {
        var config = new LogConfig();
        var fields = Fields(node, "log", LogKeys);
        if (fields is null)
        {
            return config;
        }

        if (Get(fields, "path") is { } path && Text(path, "log.path") is { } p)
        {
            config = config with { Path = Resolve(p) };
        }

        if (Get(fields, "jsonl") is { } jsonl && Text(jsonl, "log.jsonl") is { } j)
        {
            config = config with { Jsonl = Resolve(j) };
        }

        if (Get(fields, "content") is { } content && Text(content, "log.content") is { } c)
        {
            switch (c)
            {
                case "hash":
                    config = config with { Content = LogContent.Hash };
                    break;
                case "full":
                    config = config with { Content = LogContent.Full };
                    break;
                default:
                    Error(content, $"log.content must be hash or full, not '{c}'{NearestName.Hint(c, ["hash", "full"])}");
                    break;
            }
        }

        return config;
    }

    /// <summary>A path in the file is relative to the file's directory.</summary>
    private string Resolve(string path) => Path.GetFullPath(Path.Combine(baseDirectory, path));
}
