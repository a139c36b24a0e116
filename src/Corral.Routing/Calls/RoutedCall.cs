using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Routing.Configuration;
using Corral.Routing.Log;

namespace Corral.Routing.Calls;

/// <summary>One client call on one route: the configuration snapshot it started with, and the log records of its
/// attempts (numbered 1, 2, ... in the order they were tried).</summary>
internal sealed class RoutedCall(RouterConfig config, RouteConfig route, ChatRequest request, CallInfo info, string? pairId, IRouterLog log)
{
    private int _attempts;
    private string? _promptJson;

    public RouterConfig Config { get; } = config;

    public RouteConfig Route { get; } = route;

    public ChatRequest Request { get; } = request;

    public CallInfo Info { get; } = info;

    public string? PairId { get; } = pairId;

    public int NextAttempt() => Interlocked.Increment(ref _attempts);

    public int Attempts => Volatile.Read(ref _attempts);

    public void Write(AttemptRecord record) => log.Append(record);

    /// <summary>The prompt as the log keeps it: hashed always, whole only with <c>content: full</c>.</summary>
    public (string Hash, string? Text) Prompt()
    {
        _promptJson ??= JsonSerializer.Serialize(Request.Messages ?? [], ApiJsonContext.Wire.MessageArray);
        return (Hash(_promptJson), Config.Log.Content == LogContent.Full ? _promptJson : null);
    }

    public (string Hash, string? Text) Output(string output) =>
        (Hash(output), Config.Log.Content == LogContent.Full ? output : null);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
