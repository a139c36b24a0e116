namespace Corral.Core.Configuration;

/// <summary>Every environment variable Corral reads, in one table (it also renders <c>corral serve --help</c>).</summary>
public static class EnvironmentVariables
{
    public static readonly EnvironmentVariable Host = new(
        "CORRAL_HOST", "OLLAMA_HOST", "127.0.0.1:11434", "Address the server binds to and clients connect to");

    public static readonly EnvironmentVariable Models = new(
        "CORRAL_MODELS", "OLLAMA_MODELS", "~/.corral/models", "Model store (Ollama's layout: point it at ~/.ollama/models to reuse Ollama's models)");

    public static readonly EnvironmentVariable KeepAlive = new(
        "CORRAL_KEEP_ALIVE", "OLLAMA_KEEP_ALIVE", "5m", "How long an idle model stays loaded (0 unloads at once, negative keeps forever)");

    public static readonly EnvironmentVariable ContextLength = new(
        "CORRAL_CONTEXT_LENGTH", "OLLAMA_CONTEXT_LENGTH", "trained", "Default context length (unset: the model's trained context; either way capped by it and shrunk until the load fits in memory)");

    public static readonly EnvironmentVariable MaxLoadedModels = new(
        "CORRAL_MAX_LOADED_MODELS", "OLLAMA_MAX_LOADED_MODELS", "3", "Maximum number of models loaded at once");

    public static readonly EnvironmentVariable NumParallel = new(
        "CORRAL_NUM_PARALLEL", "OLLAMA_NUM_PARALLEL", "auto", "Sequences each loaded model serves at once (unset: up to 4, as free memory allows)");

    public static readonly EnvironmentVariable MaxQueue = new(
        "CORRAL_MAX_QUEUE", "OLLAMA_MAX_QUEUE", "512", "Requests allowed to wait before the server answers busy (503)");

    public static readonly EnvironmentVariable RequestTimeout = new(
        "CORRAL_REQUEST_TIMEOUT", null, "0", "Default deadline of a generation, chat or embedding request (30, 30s, 1m30s; 0: none); X-Corral-Timeout overrides it");

    public static readonly EnvironmentVariable Lenient = new(
        "CORRAL_LENIENT", null, "0", "Accept OpenAI parameters Corral cannot honour instead of a 400 (listed in X-Corral-Ignored-Params)");

    public static readonly EnvironmentVariable AllowPrivateRegistries = new(
        "CORRAL_ALLOW_PRIVATE_REGISTRIES", null, "0", "Allow registries on loopback, link-local or cloud-metadata addresses");

    public static readonly EnvironmentVariable NoPrune = new(
        "CORRAL_NOPRUNE", "OLLAMA_NOPRUNE", "0", "Keep unfinished downloads (-partial files) at start however old they are");

    public static readonly EnvironmentVariable LlamaLibrary = new(
        "CORRAL_LLAMA_LIBRARY", null, "", "Path of a libllama build to use instead of the bundled CPU one (e.g. a CUDA build)");

    public static readonly EnvironmentVariable Routes = new(
        "CORRAL_ROUTES", null, "", "Path of the routes file (YAML) that puts Anthropic, OpenAI and local models behind virtual model names");

    public static readonly EnvironmentVariable Debug = new(
        "CORRAL_DEBUG", "OLLAMA_DEBUG", "0", "Log at debug level (1) or trace level (2)");

    public static IReadOnlyList<EnvironmentVariable> All { get; } =
        [Host, Models, KeepAlive, ContextLength, MaxLoadedModels, NumParallel, MaxQueue, RequestTimeout, LlamaLibrary, Debug, Lenient, AllowPrivateRegistries, NoPrune, Routes];
}
