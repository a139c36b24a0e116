using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Endpoints;

/// <summary>Reads a JSON request body once, bounded in size, with Ollama's messages for the usual mistakes.</summary>
internal static class RequestBody
{
    /// <summary>Large enough for base64 images in a chat, small enough that a client cannot exhaust memory.</summary>
    public const long MaxJsonBytes = 128L << 20;

    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        if (context.Request.ContentLength > MaxJsonBytes)
        {
            throw CorralException.BadRequest($"request body too large (limit {MaxJsonBytes >> 20} MiB)");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
            {
                throw CorralException.BadRequest($"request body too large (limit {MaxJsonBytes >> 20} MiB)");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw CorralException.BadRequest("missing request body");
        }

        return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type)
            ?? throw CorralException.BadRequest("missing request body");
    }
}
