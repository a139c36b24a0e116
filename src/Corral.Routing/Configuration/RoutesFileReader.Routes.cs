using Corral.Api;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Configuration;

/// <summary>The <c>routes:</c> section and its targets.</summary>
internal sealed partial class RoutesFileReader
{
    private static readonly string[] RouteKeys = ["targets", "fast_path", "shadow", "preload", "keep_alive"];
    private static readonly string[] TargetKeys = ["target", "timeouts"];
    private static readonly string[] ShadowKeys = ["target", "sample"];

    private Dictionary<string, RouteConfig> ReadRoutes(YamlNode node, IReadOnlyDictionary<string, ProviderConfig> providers)
    {
        var routes = new Dictionary<string, RouteConfig>(StringComparer.Ordinal);
        foreach (var entry in Named(node, "routes", "route"))
        {
            if (ReadRoute(entry, providers) is { } route)
            {
                routes[route.Name] = route;
            }
        }

        return routes;
    }

    private RouteConfig? ReadRoute(YamlEntry entry, IReadOnlyDictionary<string, ProviderConfig> providers)
    {
        var name = entry.Key.Value;
        var where = $"routes.{name}";
        var valid = true;
        if (!ModelName.TryParse(name, out _))
        {
            Error(entry.Key, $"route name '{name}' is not a valid model name (letters, digits, '_', '-', '.', an optional :tag)");
            valid = false;
        }

        if (Fields(entry.Value, where, RouteKeys) is not { } fields)
        {
            return null;
        }

        var targets = new List<TargetConfig>();
        if (Get(fields, "targets") is not { } targetsNode)
        {
            Error(entry.Key, $"{where} needs targets");
            valid = false;
        }
        else if (Items(targetsNode, where + ".targets", scalarIsList: true) is { } items)
        {
            if (items.Count == 0)
            {
                Error(targetsNode, $"{where}.targets must name at least one target");
                valid = false;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (ReadTarget(items[i], $"{where}.targets[{i}]", providers) is { } target)
                {
                    targets.Add(target);
                }
                else
                {
                    valid = false;
                }
            }
        }
        else
        {
            valid = false;
        }

        var fastPath = Get(fields, "fast_path") is { } fp ? ReadFastPath(fp, where + ".fast_path", providers) : null;
        var shadow = Get(fields, "shadow") is { } sh ? ReadShadow(sh, where + ".shadow", providers) : null;
        var preload = ReadPreload(fields, where, RouteConfig.AllTargets(targets, fastPath, shadow), providers, valid);
        return valid ? new RouteConfig { Name = name, Targets = targets, FastPath = fastPath, Shadow = shadow, Preload = preload } : null;
    }

    /// <summary><c>provider/model</c> or <c>{target: provider/model, timeouts: {...}}</c>. Timeouts are merged here:
    /// the provider's, overridden by the target's own.</summary>
    private TargetConfig? ReadTarget(YamlNode node, string where, IReadOnlyDictionary<string, ProviderConfig> providers)
    {
        YamlNode nameNode = node;
        var own = TargetTimeouts.None;
        if (node is YamlMapping)
        {
            if (Fields(node, where, TargetKeys) is not { } fields)
            {
                return null;
            }

            if (Get(fields, "target") is not { } t)
            {
                Error(node, $"{where} needs target (provider/model)");
                return null;
            }

            nameNode = t;
            if (Get(fields, "timeouts") is { } timeouts)
            {
                own = ReadTimeouts(timeouts, where + ".timeouts");
            }
        }

        if (Text(nameNode, where) is not { } text)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var providerName = slash < 0 ? text : text[..slash];
        var model = slash < 0 ? "" : text[(slash + 1)..];
        if (slash <= 0 || model.Trim().Length == 0)
        {
            Error(nameNode, $"{where} '{text}' must be provider/model (e.g. anthropic/claude-sonnet-4-5, local/qwen3:8b)");
            return null;
        }

        if (!providers.TryGetValue(providerName, out var provider))
        {
            Error(nameNode, $"{where} names provider '{providerName}', which is not declared under providers{NearestName.Hint(providerName, providers.Keys)}");
            return null;
        }

        var merged = provider.Timeouts with
        {
            Connect = own.Connect ?? provider.Timeouts.Connect,
            FirstToken = own.FirstToken ?? provider.Timeouts.FirstToken,
            Idle = own.Idle ?? provider.Timeouts.Idle,
        };
        return new TargetConfig { Provider = providerName, Model = model, Timeouts = merged };
    }

    private ShadowConfig? ReadShadow(YamlNode node, string where, IReadOnlyDictionary<string, ProviderConfig> providers)
    {
        if (Fields(node, where, ShadowKeys) is not { } fields)
        {
            return null;
        }

        var target = Get(fields, "target") is { } t ? ReadTarget(t, where + ".target", providers) : RequiredMissing(node, where, "target");
        var sample = Get(fields, "sample") is { } s ? Fraction(s, where + ".sample") : RequiredMissing<double>(node, where, "sample (0..1)");
        return target is not null && sample is { } rate ? new ShadowConfig { Target = target, SampleRate = rate } : null;
    }

    private TargetConfig? RequiredMissing(YamlNode at, string where, string key)
    {
        Error(at, $"{where} needs {key}");
        return null;
    }

    private T? RequiredMissing<T>(YamlNode at, string where, string key)
        where T : struct
    {
        Error(at, $"{where} needs {key}");
        return null;
    }
}
