using Corral.Api.Models;
using Corral.Core.Generation;
using Corral.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>Legacy <c>POST /v1/completions</c>: one JSON object, or SSE with <c>stream: true</c>.</summary>
internal static class CompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, CompletionRequest request, ParamPolicy policy)
    {
        var mapped = CompletionMapper.Map(request, policy, OpenAIHandlers.ContextLength(context));
        var service = context.RequestServices.GetRequiredService<InferenceService>();
        var stream = service.GenerateAsync(mapped.Native, context.RequestAborted);
        var id = OpenAIIds.Completion();
        var created = OpenAIIds.UnixSeconds(DateTimeOffset.UtcNow);
        OpenAIHandlers.AddIgnoredHeader(context, mapped.Ignored);
        if (!mapped.Stream)
        {
            var folded = await ResponseFolding.FoldAsync(stream, context.RequestAborted);
            await OpenAIHandlers.WriteJsonAsync(context, CompletionMapper.ToCompletion(folded, id, created), OpenAIJsonContext.Wire.TextCompletion);
            return;
        }

        var offset = 0;
        await SseStream.WriteAsync(context, stream, (native, frames) =>
        {
            WriteFrames(frames, native, id, created, mapped.IncludeUsage, offset);
            offset += native.Response.Length;
        });
    }

    private static void WriteFrames(SseFrameWriter frames, GenerateResponse native, string id, long created, bool includeUsage, int offset)
    {
        if (native.Response.Length > 0 || native.Logprobs is not null || native.Done)
        {
            frames.Write(CompletionMapper.ToCompletion(native, id, created, final: false, offset), OpenAIJsonContext.Wire.TextCompletion);
        }

        if (native.Done && includeUsage)
        {
            frames.Write(CompletionMapper.UsageChunk(native, id, created), OpenAIJsonContext.Wire.TextCompletion);
        }
    }
}
