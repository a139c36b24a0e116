namespace Corral.TestKit;

/// <summary>
/// Locates the real GGUF test models in <c>shared/models</c> beside the checkout (the folder holding Corral.slnx), or in
/// the folder named by the <c>CORRAL_TEST_MODELS</c> environment variable.
/// </summary>
public static class TestModels
{
    /// <summary>Environment variable that overrides where the models are.</summary>
    public const string OverrideVariable = "CORRAL_TEST_MODELS";

    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The models folder; throws with an explanation when it cannot be found.</summary>
    public static string Directory => Root.Value;

    /// <summary>llama, F32, 512-token vocab: the fastest real model.</summary>
    public static string Stories260K => File("stories260K.gguf");

    /// <summary>llama, Q4_0, 32000-token SentencePiece vocab; mean-pooled embeddings work.</summary>
    public static string TinyLlama => File("TinyLLama-v0-Q4_0.gguf");

    /// <summary><see cref="TinyLlama"/> plus a ChatML <c>tokenizer.chat_template</c>.</summary>
    public static string TinyLlamaChatMl => File("TinyLLama-v0-Q4_0-chatml.gguf");

    /// <summary>Random weights, F16, Llama-2 vocab.</summary>
    public static string TinyRandom => File("tiny-random.gguf");

    /// <summary>Files current llama.cpp refuses.</summary>
    public static IReadOnlyList<string> Invalid =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "invalid"), "*.gguf").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Full path of a file in the models folder; throws when it is missing.</summary>
    public static string File(string name)
    {
        var path = Path.Combine(Directory, name);
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Test model '{name}' is missing from {Directory}. See shared/models/README.md.", path);
    }

    private static string Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return System.IO.Directory.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new DirectoryNotFoundException($"{OverrideVariable} names '{overridden}', which does not exist.");
        }

        if (Repository.TryRoot is { } root)
        {
            var models = Path.GetFullPath(Path.Combine(root, "..", "shared", "models"));
            return System.IO.Directory.Exists(models)
                ? models
                : throw new DirectoryNotFoundException(
                    $"The real test models are not at {models} (expected shared/models beside the checkout). Set {OverrideVariable} to their folder.");
        }

        throw new DirectoryNotFoundException(
            $"Could not find Corral.slnx above {AppContext.BaseDirectory} to locate shared/models. Set {OverrideVariable} to the models folder.");
    }
}
