using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Corral.Api;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Prompting;
using Corral.Core.Store;

namespace Corral.Core.Models;

/// <summary>
/// <c>/api/create</c>: builds a model from uploaded GGUF blobs or an existing model plus TEMPLATE, SYSTEM, PARAMETERs,
/// MESSAGEs and LICENSE. Everything is validated before anything is written; layers are content-addressed blobs and the
/// manifest is written last and atomically, so two creates of one name never leave a half-written model.
/// </summary>
public sealed class ModelCreator
{
    private static readonly HashSet<string> MessageRoles = new(StringComparer.Ordinal) { "system", "user", "assistant" };
    private readonly ModelStore _store;
    private readonly PromptRenderer _prompts;

    public ModelCreator(ModelStore store, PromptRenderer prompts)
    {
        _store = store;
        _prompts = prompts;
    }

    public async IAsyncEnumerable<ProgressResponse> CreateAsync(CreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = ModelStore.ParseName(request.Model ?? request.Name);
        if (request.From is null && request.Files is not { Count: > 0 })
        {
            throw CorralException.BadRequest("neither 'from' or 'files' was specified");
        }

        if (!string.IsNullOrEmpty(request.Quantize))
        {
            throw CorralException.BadRequest("quantization is not supported yet: create from an already quantized GGUF");
        }

        var layers = new List<Layer>();
        var config = new ModelConfig();
        IReadOnlyDictionary<string, JsonElement> baseParameters = new Dictionary<string, JsonElement>();
        if (request.From is not null)
        {
            var baseModel = _store.Get(request.From);
            yield return new ProgressResponse { Status = $"using base model {baseModel.DisplayName}" };
            foreach (var layer in baseModel.Stored.Manifest.Layers)
            {
                yield return new ProgressResponse { Status = $"using existing layer {layer.Digest}" };
                layers.Add(layer);
            }

            config = baseModel.Config;
            baseParameters = baseModel.Parameters;
        }

        foreach (var (file, digest) in request.Files ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var blob = ExistingBlob(file, digest);
            yield return new ProgressResponse { Status = "parsing GGUF" };
            var facts = Inspect(file, blob);
            layers.RemoveAll(l => l.MediaType == MediaTypes.Model);
            layers.Add(new Layer { MediaType = MediaTypes.Model, Digest = blob.ToString(), Size = _store.Blobs.Length(blob) });
            yield return new ProgressResponse { Status = $"using existing layer {blob}" };
            if (request.Template is null && facts.ChatTemplate is { Length: > 0 } jinja && TemplateProblem(jinja) is { } problem)
            {
                yield return new ProgressResponse { Status = $"warning: the GGUF chat template does not parse ({problem}); chats will use llama.cpp's built-in templates" };
            }

            config = config with
            {
                ModelFormat = "gguf",
                ModelFamily = facts.Architecture,
                ModelFamilies = string.IsNullOrEmpty(facts.Architecture) ? null : [facts.Architecture],
                ModelType = facts.ParameterSize,
                FileType = facts.QuantizationLevel,
            };
        }

        foreach (var (file, digest) in request.Adapters ?? [])
        {
            var blob = ExistingBlob(file, digest);
            Inspect(file, blob);
            layers.RemoveAll(l => l.MediaType == MediaTypes.Adapter);
            layers.Add(new Layer { MediaType = MediaTypes.Adapter, Digest = blob.ToString(), Size = _store.Blobs.Length(blob) });
            yield return new ProgressResponse { Status = $"using existing layer {blob}" };
        }

        if (!layers.Exists(l => l.MediaType == MediaTypes.Model))
        {
            throw CorralException.BadRequest("the model has no GGUF weights: FROM must name a GGUF file or an existing model");
        }

        foreach (var status in AddTextLayers(request, layers, baseParameters))
        {
            yield return status;
        }

        if (request.Requires is { Length: > 0 } requires)
        {
            config = config with { Requires = requires };
        }

        config = config with { Rootfs = new RootFs { DiffIds = [.. layers.Select(l => l.Digest)] } };
        var configBytes = JsonSerializer.SerializeToUtf8Bytes(config, StoreJsonContext.Default.ModelConfig);
        var configDigest = _store.Blobs.WriteBytes(configBytes);
        yield return new ProgressResponse { Status = "writing manifest" };
        _store.Manifests.Write(name, new Manifest
        {
            Config = new Layer { MediaType = MediaTypes.Config, Digest = configDigest.ToString(), Size = configBytes.Length },
            Layers = layers,
        });
        await Task.CompletedTask;
        yield return new ProgressResponse { Status = "success" };
    }

    private IEnumerable<ProgressResponse> AddTextLayers(
        CreateRequest request, List<Layer> layers, IReadOnlyDictionary<string, JsonElement> baseParameters)
    {
        if (request.Template is not null)
        {
            _prompts.Validate(request.Template, "Modelfile TEMPLATE");
            yield return Replace(layers, MediaTypes.Template, Encoding.UTF8.GetBytes(request.Template), also: MediaTypes.LegacyPrompt);
        }

        if (request.System is not null)
        {
            yield return Replace(layers, MediaTypes.System, Encoding.UTF8.GetBytes(request.System));
        }

        if (request.Parameters is { Count: > 0 } parameters)
        {
            OptionsResolver.Resolve(parameters, null);
            var merged = new Dictionary<string, JsonElement>(baseParameters, StringComparer.Ordinal);
            foreach (var (key, value) in parameters)
            {
                merged[key] = value;
            }

            yield return Replace(layers, MediaTypes.Params, JsonSerializer.SerializeToUtf8Bytes(merged, StoreJsonContext.Default.DictionaryStringJsonElement));
        }

        if (request.Messages is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                if (!MessageRoles.Contains(message.Role))
                {
                    throw CorralException.BadRequest($"invalid message role '{message.Role}': MESSAGE takes system, user or assistant");
                }
            }

            yield return Replace(layers, MediaTypes.Messages, JsonSerializer.SerializeToUtf8Bytes(messages, StoreJsonContext.Default.MessageArray));
        }

        var licenses = Licenses(request.License);
        if (licenses.Count > 0)
        {
            layers.RemoveAll(l => l.MediaType == MediaTypes.License);
            foreach (var license in licenses)
            {
                var digest = _store.Blobs.WriteBytes(Encoding.UTF8.GetBytes(license));
                layers.Add(new Layer { MediaType = MediaTypes.License, Digest = digest.ToString(), Size = Encoding.UTF8.GetByteCount(license) });
                yield return new ProgressResponse { Status = $"creating new layer {digest}" };
            }
        }
    }

    private ProgressResponse Replace(List<Layer> layers, string mediaType, byte[] content, string? also = null)
    {
        var digest = _store.Blobs.WriteBytes(content);
        layers.RemoveAll(l => l.MediaType == mediaType || l.MediaType == also);
        layers.Add(new Layer { MediaType = mediaType, Digest = digest.ToString(), Size = content.Length });
        return new ProgressResponse { Status = $"creating new layer {digest}" };
    }

    /// <summary>The file name is untrusted: it must be relative and stay inside; the digest must name an uploaded blob.</summary>
    private Digest ExistingBlob(string file, string digest)
    {
        if (string.IsNullOrWhiteSpace(file) || Path.IsPathRooted(file) || file.Contains('\\', StringComparison.Ordinal)
            || file.Split('/').Any(part => part is ".." or "."))
        {
            throw CorralException.BadRequest("file path must be relative");
        }

        if (!Digest.TryParse(digest, out var parsed))
        {
            throw CorralException.BadRequest("invalid digest format");
        }

        if (!_store.Blobs.Exists(parsed))
        {
            throw CorralException.BadRequest($"blob {parsed} for '{file}' was not uploaded (POST /api/blobs/{parsed} first)");
        }

        return parsed;
    }

    private ModelFacts Inspect(string file, Digest blob)
    {
        try
        {
            return GgufInspector.Facts(_store.Blobs.PathFor(blob));
        }
        catch (CorralException e)
        {
            throw CorralException.BadRequest($"'{file}' is not a usable GGUF file: {e.Message}");
        }
    }

    private string? TemplateProblem(string jinja)
    {
        try
        {
            Corral.Prompting.PromptTemplates.Parse(jinja, "GGUF chat template", Corral.Prompting.TemplateSyntax.Jinja);
            return null;
        }
        catch (Corral.Prompting.PromptTemplateException e)
        {
            return e.Message;
        }
    }

    private static List<string> Licenses(JsonElement? license)
    {
        if (license is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return [.. value.EnumerateArray().Select(v => v.GetString()!)];
        }

        throw CorralException.BadRequest("license must be a string or a list of strings");
    }
}
