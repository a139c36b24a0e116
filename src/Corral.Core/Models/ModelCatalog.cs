using System.Collections.Concurrent;
using Corral.Api.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.Prompting;

namespace Corral.Core.Models;

/// <summary>What the store holds and what is loaded, in the native API's shapes: list, show, ps, delete.</summary>
public sealed partial class ModelCatalog
{
    private readonly ModelStore _store;
    private readonly ModelScheduler _scheduler;
    private readonly PromptRenderer _prompts;
    private readonly ConcurrentDictionary<string, ModelFacts> _facts = new(StringComparer.Ordinal);

    public ModelCatalog(ModelStore store, ModelScheduler scheduler, PromptRenderer prompts)
    {
        _store = store;
        _scheduler = scheduler;
        _prompts = prompts;
    }

    /// <summary>Facts from the model's GGUF header, read once per weights digest.</summary>
    public ModelFacts FactsFor(LocalModel model) =>
        model.ModelPath is null || model.ModelDigest is not { } digest
            ? new ModelFacts()
            : _facts.GetOrAdd(digest.ToString(), static (_, path) => GgufInspector.Facts(path), model.ModelPath);

    /// <summary>Capabilities shown in <c>/api/show</c> and <c>/api/tags</c>: from the GGUF (embedding models) and from the
    /// template the model renders with (tools, insert, thinking), as Ollama derives them.</summary>
    public string[] Capabilities(LocalModel model, ModelFacts facts)
    {
        if (model.Config.Capabilities is { Count: > 0 } declared)
        {
            return [.. declared];
        }

        if (facts.IsEmbeddingModel)
        {
            return ["embedding"];
        }

        TemplateCapabilities template;
        try
        {
            template = _prompts.Choose(model, facts).Capabilities;
        }
        catch (Errors.CorralException)
        {
            template = TemplateCapabilities.None;
        }

        var capabilities = new List<string>(4) { "completion" };
        if (template.Tools)
        {
            capabilities.Add("tools");
        }

        if (template.Insert)
        {
            capabilities.Add("insert");
        }

        if (template.Thinking)
        {
            capabilities.Add("thinking");
        }

        return [.. capabilities];
    }

    /// <summary><c>/api/tags</c>: every model, newest first.</summary>
    public ListResponse List()
    {
        var models = new List<ListModel>();
        foreach (var stored in _store.Manifests.List())
        {
            LocalModel model;
            try
            {
                model = _store.Read(stored);
            }
            catch (Errors.CorralException)
            {
                continue;
            }

            models.Add(new ListModel
            {
                Name = model.DisplayName,
                Model = model.DisplayName,
                ModifiedAt = stored.ModifiedAt,
                Size = stored.Manifest.Layers.Sum(l => l.Size),
                Digest = stored.Digest,
                Details = DetailsOf(model),
                Capabilities = TryCapabilities(model),
            });
        }

        models.Sort((a, b) => b.ModifiedAt.CompareTo(a.ModifiedAt));
        return new ListResponse { Models = [.. models] };
    }

    /// <summary><c>/api/ps</c>: loaded models.</summary>
    public async Task<ProcessResponse> RunningAsync()
    {
        var loaded = await _scheduler.SnapshotAsync();
        return new ProcessResponse
        {
            Models = [.. loaded.Select(m => new ProcessModel
            {
                Name = m.DisplayName,
                Model = m.DisplayName,
                Size = m.SizeBytes,
                SizeVram = m.SizeVramBytes,
                Digest = m.ManifestDigest,
                Details = m.Details as ModelDetails ?? new ModelDetails(),
                ExpiresAt = (m.Forever ? DateTimeOffset.MaxValue.AddYears(-1) : m.ExpiresAt ?? DateTimeOffset.UnixEpoch).UtcDateTime,
                ContextLength = m.ContextLength,
                Parallel = m.Parallel,
                LoadReason = m.LoadReason,
            })],
        };
    }

    /// <summary>Unloads the model if it is loaded, then deletes it and the blobs nothing else uses.</summary>
    public async Task DeleteAsync(string? name)
    {
        var model = _store.Get(name);
        if (model.ModelDigest is { } digest)
        {
            await _scheduler.UnloadAsync(LoadKey(model));
        }

        _store.Delete(name);
    }

    /// <summary>The scheduler key of a model's weights (shared by every name that points at them).</summary>
    public static string LoadKey(LocalModel model) =>
        $"{model.ModelDigest}{(model.AdapterPath is null ? "" : "+" + Path.GetFileName(model.AdapterPath))}";

    private ModelDetails DetailsOf(LocalModel model)
    {
        var config = model.Config;
        return new ModelDetails
        {
            Format = string.IsNullOrEmpty(config.ModelFormat) ? "gguf" : config.ModelFormat,
            Family = config.ModelFamily,
            Families = config.ModelFamilies is { Count: > 0 } f ? [.. f] : null,
            ParameterSize = config.ModelType,
            QuantizationLevel = config.FileType,
        };
    }

    private string[]? TryCapabilities(LocalModel model)
    {
        try
        {
            return Capabilities(model, FactsFor(model));
        }
        catch (Exception e) when (e is IOException or Errors.CorralException)
        {
            return null;
        }
    }
}
