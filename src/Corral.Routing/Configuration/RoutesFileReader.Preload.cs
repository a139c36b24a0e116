using System.Globalization;
using Corral.Api;

namespace Corral.Routing.Configuration;

/// <summary>A route's <c>preload: true</c> and <c>keep_alive</c>. They sit on the route, not on each target: targets
/// are usually written as short <c>provider/model</c> strings in a flow list, and "keep this route's local models warm"
/// is one decision per route (it covers its targets, its fast-path target and its shadow target).</summary>
internal sealed partial class RoutesFileReader
{
    private PreloadConfig? ReadPreload(Dictionary<string, YamlEntry> fields, string where, IReadOnlyList<TargetConfig> targets,
        IReadOnlyDictionary<string, ProviderConfig> providers, bool targetsValid)
    {
        var preloadNode = Get(fields, "preload");
        var keepAliveNode = Get(fields, "keep_alive");
        var preload = preloadNode is null ? false : Bool(preloadNode, where + ".preload");
        if (preload is null)
        {
            return null;
        }

        TimeSpan? keepAlive = null;
        if (keepAliveNode is not null)
        {
            if (preload == false)
            {
                Error(keepAliveNode, $"{where}.keep_alive only applies with preload: true (it is how long preloaded models stay loaded)");
                return null;
            }

            if (KeepAlive(keepAliveNode, where + ".keep_alive") is not { } parsed)
            {
                return null;
            }

            keepAlive = parsed;
        }

        if (preload == false)
        {
            return null;
        }

        if (targetsValid && !targets.Any(t => providers.TryGetValue(t.Provider, out var p) && p.Kind == ProviderKind.Local))
        {
            Error(preloadNode!, $"{where}.preload: none of the route's targets is local, so there is nothing to preload");
            return null;
        }

        return new PreloadConfig { KeepAlive = keepAlive };
    }

    /// <summary><c>-1</c> (forever) or a Go-style duration greater than zero.</summary>
    private TimeSpan? KeepAlive(YamlNode node, string where)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            var text = scalar.Value.Trim();
            if (text == "-1")
            {
                return Timeout.InfiniteTimeSpan;
            }

            if (text == "0" || (GoDuration.TryParse(text.AsSpan(), out var nanoseconds) && nanoseconds == 0))
            {
                Error(node, $"{where} must not be 0: that would unload the models right after loading them (use -1 for forever or a duration such as 30m)");
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                Error(node, $"{where} must be -1 (forever) or a duration with a unit such as 30m or 2h, not a bare number");
                return null;
            }
        }

        return Duration(node, where);
    }
}
