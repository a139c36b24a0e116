using Corral.Core.Generation;
using Corral.Protocols.OpenAI;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>: one JSON object, or SSE with <c>stream: true</c>.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatCompletionRequest request, ParamPolicy policy)
    {
        var mapped = ChatRequestMapper.Map(request, policy, OpenAIHandlers.ContextLength(context));
        var stream = context.RequestServices.GetRequiredService<ChatGateway>().ChatAsync(context, mapped.Native, "openai", RequestMetadata.Task(mapped.Metadata));
        var id = OpenAIIds.ChatCompletion();
        var created = OpenAIIds.UnixSeconds(DateTimeOffset.UtcNow);
        OpenAIHandlers.AddIgnoredHeader(context, mapped.Ignored);
        if (!mapped.Stream)
        {
            var folded = await ResponseFolding.FoldAsync(stream, context.RequestAborted);
            await OpenAIHandlers.WriteJsonAsync(context, ChatResponseMapper.ToCompletion(folded, id, created), OpenAIJsonContext.Wire.ChatCompletion);
            return;
        }

        var mapper = new ChatStreamMapper(id, created, mapped.IncludeUsage);
        await SseStream.WriteAsync(context, stream, (native, frames) =>
        {
            foreach (var chunk in mapper.Map(native))
            {
                frames.Write(chunk, OpenAIJsonContext.Wire.ChatCompletionChunk);
            }
        });
    }
}
