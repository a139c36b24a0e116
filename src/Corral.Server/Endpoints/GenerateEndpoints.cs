using Corral.Api;
using Corral.Api.Serialization;
using Corral.Core.Generation;
using Corral.Server.Streaming;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary><c>/api/generate</c> and <c>/api/chat</c>: NDJSON by default, one folded object with <c>stream:false</c>.</summary>
internal static class GenerateEndpoints
{
    private static readonly ApiJsonContext Json = ApiJsonContext.Wire;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Generate, Handlers.WithBody(Json.GenerateRequest, async (context, request) =>
        {
            var service = context.RequestServices.GetRequiredService<InferenceService>();
            var stream = service.GenerateAsync(request, context.RequestAborted);
            if (request.Stream == false)
            {
                var folded = await ResponseFolding.FoldAsync(stream, context.RequestAborted);
                await Handlers.WriteJsonAsync(context, folded, Json.GenerateResponse);
                return;
            }

            await NdjsonStream.WriteAsync(context, stream, Json.GenerateResponse, Handlers.Logger(context));
        }));

        app.MapPost(ApiRoutes.Chat, Handlers.WithBody(Json.ChatRequest, async (context, request) =>
        {
            var stream = context.RequestServices.GetRequiredService<ChatGateway>().ChatAsync(context, request, "ollama");
            if (request.Stream == false)
            {
                var folded = await ResponseFolding.FoldAsync(stream, context.RequestAborted);
                await Handlers.WriteJsonAsync(context, folded, Json.ChatResponse);
                return;
            }

            await NdjsonStream.WriteAsync(context, stream, Json.ChatResponse, Handlers.Logger(context));
        }));

        app.MapPost(ApiRoutes.Embed, Handlers.WithBody(Json.EmbedRequest, async (context, request) =>
        {
            var service = context.RequestServices.GetRequiredService<InferenceService>();
            await Handlers.WriteJsonAsync(context, await service.EmbedAsync(request, context.RequestAborted), Json.EmbedResponse);
        }));

        app.MapPost(ApiRoutes.Embeddings, Handlers.WithBody(Json.EmbeddingsRequest, async (context, request) =>
        {
            var service = context.RequestServices.GetRequiredService<InferenceService>();
            await Handlers.WriteJsonAsync(context, await service.EmbeddingsAsync(request, context.RequestAborted), Json.EmbeddingsResponse);
        }));
    }
}
