using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Protocols.OpenAI;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>Maps OpenAI's API under <c>/v1</c>: chat completions, legacy completions, embeddings and models.</summary>
internal static class OpenAIApi
{
    private static readonly OpenAIJsonContext Json = OpenAIJsonContext.Wire;

    public static void MapOpenAIApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", OpenAIHandlers.WithBody(Json.ChatCompletionRequest, ChatCompletionsEndpoint.HandleAsync));
        app.MapPost("/v1/responses", OpenAIHandlers.WithBody(Json.ResponsesRequest, ResponsesEndpoint.HandleAsync));
        app.MapPost("/v1/completions", OpenAIHandlers.WithBody(Json.CompletionRequest, CompletionsEndpoint.HandleAsync));
        app.MapPost("/v1/embeddings", OpenAIHandlers.WithBody(Json.EmbeddingsRequest, async (context, request, policy) =>
        {
            var native = EmbeddingsMapper.Map(request, policy);
            var service = context.RequestServices.GetRequiredService<InferenceService>();
            var result = await service.EmbedAsync(native, context.RequestAborted);
            OpenAIHandlers.AddIgnoredHeader(context, policy.Ignored);
            await OpenAIHandlers.WriteJsonAsync(context, EmbeddingsMapper.ToResponse(result, request.EncodingFormat == "base64"), Json.EmbeddingsResponse);
        }));
        app.MapGet("/v1/models", OpenAIHandlers.Plain(async context =>
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            var list = ModelsMapper.ToList(catalog.List());
            if (context.RequestServices.GetRequiredService<ChatGateway>().Router is { } router)
            {
                // Routes are model names clients may use; listed first so a route shadowing a local name is visible.
                var routes = router.RouteNames.Order(StringComparer.Ordinal).Select(ModelsMapper.ToRoute).ToArray();
                list = list with { Data = [.. routes, .. list.Data.Where(m => !router.TryGetRoute(m.Id, out _))] };
            }

            await OpenAIHandlers.WriteJsonAsync(context, list, Json.ModelList);
        }));
        app.MapGet("/v1/models/{*id}", OpenAIHandlers.Plain(async context =>
        {
            var id = context.Request.RouteValues["id"] as string ?? "";
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            if (context.RequestServices.GetRequiredService<ChatGateway>().IsRouted(id))
            {
                await OpenAIHandlers.WriteJsonAsync(context, ModelsMapper.ToRoute(id), Json.ModelObject);
                return;
            }

            var model = ModelsMapper.Find(catalog.List(), id) ?? throw new ModelNotFoundException(id);
            await OpenAIHandlers.WriteJsonAsync(context, ModelsMapper.ToModel(model), Json.ModelObject);
        }));
    }
}
