using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Cli.Interactive;

/// <summary>The state of a <c>run</c> session (Ollama's <c>runOptions</c>): model, options and chat history.</summary>
public sealed class RunSession
{
    /// <summary>The model name as the user typed it.</summary>
    public required string Model { get; set; }

    /// <summary>The model's parent (from show), used as FROM by <c>/save</c> when valid.</summary>
    public string ParentModel { get; set; } = "";

    /// <summary>The model's capabilities (from show).</summary>
    public IReadOnlyList<string> Capabilities { get; set; } = [];

    /// <summary>Session system message (set by <c>/set system</c>).</summary>
    public string System { get; set; } = "";

    /// <summary><c>"json"</c> or a JSON schema; null for free text.</summary>
    public JsonElement? Format { get; set; }

    /// <summary>true/false or a level; null lets the server decide.</summary>
    public JsonElement? Think { get; set; }

    /// <summary>True once the user chose thinking explicitly (flag or <c>/set [no]think</c>).</summary>
    public bool ThinkExplicit { get; set; }

    /// <summary>Hide reasoning output.</summary>
    public bool HideThinking { get; set; }

    /// <summary>keep_alive sent with every request, when set.</summary>
    public JsonElement? KeepAlive { get; set; }

    /// <summary>Word wrap the answer.</summary>
    public bool WordWrap { get; set; } = true;

    /// <summary>Print timings after each answer.</summary>
    public bool Verbose { get; set; }

    /// <summary>User-set runtime options (<c>/set parameter</c>).</summary>
    public Dictionary<string, JsonElement> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>The conversation so far (sent with each chat request).</summary>
    public List<Message> Messages { get; } = [];

    /// <summary>The model's MESSAGEs, replayed on screen (the server prepends them itself); kept for <c>/save</c>.</summary>
    public List<Message> LoadedMessages { get; } = [];

    /// <summary>Applies a show response: parent, capabilities, seed messages; thinking is inferred unless explicit.</summary>
    public void Apply(ShowResponse show)
    {
        ParentModel = show.Details.ParentModel;
        Capabilities = show.Capabilities ?? [];
        LoadedMessages.Clear();
        LoadedMessages.AddRange(show.Messages ?? []);
        if (!ThinkExplicit)
        {
            Think = Capabilities.Contains("thinking") ? JsonValues.Bool(true) : null;
        }
    }

    /// <summary>The <c>/api/create</c> request for <c>/save NAME</c> (from = parent model when valid, else the model).</summary>
    public CreateRequest ToCreateRequest(string name)
    {
        var from = Corral.Api.ModelName.TryParse(ParentModel, out _) && ParentModel.Length > 0 ? ParentModel : Model;
        var messages = LoadedMessages.Concat(Messages).ToArray();
        return new CreateRequest
        {
            Model = name,
            From = from,
            System = System.Length > 0 ? System : null,
            Parameters = Options.Count > 0 ? new Dictionary<string, JsonElement>(Options) : null,
            Messages = messages.Length > 0 ? messages : null,
        };
    }
}
