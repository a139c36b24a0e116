using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Protocols.Anthropic;
using Corral.Protocols.OpenAI;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.Anthropic;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{model_id}</c> in Anthropic's shape, served when the request carries
/// <c>anthropic-version</c> (see <see cref="ModelListing"/>): a page of <c>{"type":"model","id","display_name",
/// "created_at"}</c> with <c>has_more</c>, <c>first_id</c> and <c>last_id</c>, paged by <c>limit</c>, <c>after_id</c>
/// and <c>before_id</c>; errors in Anthropic's shape (unknown model: 404 <c>not_found_error</c>).
/// </summary>
internal static class AnthropicModels
{
    private static readonly AnthropicJsonContext Json = AnthropicJsonContext.Wire;

    public static Task ListAsync(HttpContext context) => AnthropicEndpoints.Run(context, async () =>
    {
        var query = context.Request.Query;
        var paging = ModelPaging.Read(Single(query, "limit"), Single(query, "after_id"), Single(query, "before_id"));
        var listing = ModelListing.Of(context);
        ModelInfo[] all = [.. listing.Routes.Select(ModelInfo.ForRoute), .. listing.Local.Select(m => ModelInfo.Of(m))];
        var page = paging.Page(all);
        var routes = listing.Routes.ToHashSet(StringComparer.Ordinal);
        var inference = context.RequestServices.GetRequiredService<InferenceService>();
        for (var i = 0; i < page.Data.Length; i++)
        {
            if (!routes.Contains(page.Data[i].Id)
                && await inference.ServedContextLengthAsync(page.Data[i].Id) is { } served)
            {
                page.Data[i] = page.Data[i] with { MaxInputTokens = served, MaxTokens = served };
            }
        }

        await Handlers.WriteJsonAsync(context, page, Json.ModelInfoList);
    });

    public static Task GetAsync(HttpContext context, string id) => AnthropicEndpoints.Run(context, async () =>
    {
        if (context.RequestServices.GetRequiredService<ChatGateway>().IsRouted(id))
        {
            await Handlers.WriteJsonAsync(context, ModelInfo.ForRoute(id), Json.ModelInfo);
            return;
        }

        var model = ModelsMapper.Find(context.RequestServices.GetRequiredService<ModelCatalog>().List(), id) ?? throw new ModelNotFoundException(id);
        var served = await context.RequestServices.GetRequiredService<InferenceService>().ServedContextLengthAsync(model.Name);
        await Handlers.WriteJsonAsync(context, ModelInfo.Of(model, served), Json.ModelInfo);
    });

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
