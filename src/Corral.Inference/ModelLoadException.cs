namespace Corral.Inference;

/// <summary>A model could not be loaded. The message is safe to show to a client (no absolute paths).</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}
