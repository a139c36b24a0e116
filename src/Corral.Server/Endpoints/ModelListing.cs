using Corral.Api.Models;
using Corral.Core.Models;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary>What <c>GET /v1/models</c> lists, in OpenAI's shape or Anthropic's: the router's routes first (model names
/// clients may use, so a route shadowing a local name is visible), then the local models no route shadows.</summary>
internal sealed record ModelListing(IReadOnlyList<string> Routes, IReadOnlyList<ListModel> Local)
{
    /// <summary>Anthropic's SDKs send <c>anthropic-version</c> on every request; OpenAI's never do.</summary>
    public const string AnthropicVersionHeader = "anthropic-version";

    public static bool IsAnthropic(HttpContext context) => context.Request.Headers.ContainsKey(AnthropicVersionHeader);

    public static ModelListing Of(HttpContext context)
    {
        var local = context.RequestServices.GetRequiredService<ModelCatalog>().List().Models;
        if (context.RequestServices.GetRequiredService<ChatGateway>().Router is not { } router)
        {
            return new ModelListing([], local);
        }

        return new ModelListing(
            [.. router.RouteNames.Order(StringComparer.Ordinal)],
            [.. local.Where(m => !router.TryGetRoute(m.Name, out _))]);
    }
}
