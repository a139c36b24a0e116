using System.Text.Json;
using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary>Load/unload through <c>/api/generate</c> with an empty prompt (Ollama's <c>loadOrUnloadModel</c>).</summary>
internal static class ModelLoading
{
    /// <summary>Loads a model (or unloads it with <c>keep_alive: 0</c>), showing a spinner that is cleared afterwards.</summary>
    public static async Task LoadAsync(CliContext context, CorralClient client, string model, JsonElement? keepAlive, JsonElement? think, CancellationToken cancellationToken)
    {
        using var progress = new ProgressRenderer(context.Console.Error, context.Console.ErrorIsTerminal, context.Console.TerminalWidth);
        progress.AddSpinner("");
        try
        {
            var request = new GenerateRequest { Model = model, KeepAlive = keepAlive, Think = think };
            await foreach (var _ in client.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
            {
            }
        }
        finally
        {
            progress.StopAndClear();
        }
    }

    /// <summary>Unloads a model now (<c>keep_alive: 0</c>).</summary>
    public static Task UnloadAsync(CliContext context, CorralClient client, string model, CancellationToken cancellationToken) =>
        LoadAsync(context, client, model, Zero, null, cancellationToken);

    private static JsonElement Zero { get; } = JsonDocument.Parse("0").RootElement.Clone();

    /// <summary>True when the failure means "no such model".</summary>
    public static bool IsNotFound(Exception ex) =>
        ex is CorralApiException api && (api.StatusCode == System.Net.HttpStatusCode.NotFound || api.Message.Contains("not found", StringComparison.OrdinalIgnoreCase));
}
