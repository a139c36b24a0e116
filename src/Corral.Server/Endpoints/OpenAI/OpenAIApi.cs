using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Protocols.OpenAI;
using Corral.Server.Endpoints.Anthropic;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>Maps OpenAI's API under <c>/v1</c>: chat completions, legacy completions, embeddings and models (the models
/// paths answer in Anthropic's shape when the request carries <c>anthropic-version</c>).</summary>
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

        // One path, two shapes: Anthropic's SDKs list and retrieve models here too, and say so with anthropic-version.
        var list = OpenAIHandlers.Plain(ListModelsAsync);
        var get = OpenAIHandlers.Plain(GetModelAsync);
        app.MapGet("/v1/models", context => ModelListing.IsAnthropic(context) ? AnthropicModels.ListAsync(context) : list(context));
        app.MapGet("/v1/models/{*id}", context => ModelListing.IsAnthropic(context) ? AnthropicModels.GetAsync(context, ModelId(context)) : get(context));
    }

    private static string ModelId(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    private static async Task ListModelsAsync(HttpContext context)
    {
        var listing = ModelListing.Of(context);
        var list = new ModelList { Data = [.. listing.Routes.Select(ModelsMapper.ToRoute), .. listing.Local.Select(ModelsMapper.ToModel)] };
        await OpenAIHandlers.WriteJsonAsync(context, list, Json.ModelList);
    }

    private static async Task GetModelAsync(HttpContext context)
    {
        var id = ModelId(context);
        if (context.RequestServices.GetRequiredService<ChatGateway>().IsRouted(id))
        {
            await OpenAIHandlers.WriteJsonAsync(context, ModelsMapper.ToRoute(id), Json.ModelObject);
            return;
        }

        var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
        var model = ModelsMapper.Find(catalog.List(), id) ?? throw new ModelNotFoundException(id);
        await OpenAIHandlers.WriteJsonAsync(context, ModelsMapper.ToModel(model), Json.ModelObject);
    }
}
