using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Models;
using Corral.Api.Serialization;

namespace Corral.Api.Client;

/// <summary>Reads a newline-delimited JSON stream, parsing each line exactly once.</summary>
internal static class Ndjson
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("{\"error\"", StringComparison.Ordinal))
            {
                var error = JsonSerializer.Deserialize(line, ApiJsonContext.Default.ErrorResponse);
                throw new CorralApiException(HttpStatusCode.OK, error?.Error ?? line);
            }

            yield return JsonSerializer.Deserialize(line, typeInfo)
                ?? throw new JsonException("the server sent an empty line of JSON");
        }
    }
}
