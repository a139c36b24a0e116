using Corral.Templating.Go.Execution;

namespace Corral.Templating.Go.Functions;

/// <summary>Go parameter types the engine distinguishes when evaluating arguments.</summary>
internal enum ParamType
{
    /// <summary>No static type (chain receivers).</summary>
    Untyped,
    /// <summary><c>interface{}</c>.</summary>
    Any,
    /// <summary><c>reflect.Value</c>: sees nil interfaces and invalid values as they are.</summary>
    Value,
    /// <summary><c>string</c>.</summary>
    String,
}

/// <summary>Thrown by a function implementation; reported as <c>error calling NAME: message</c>.</summary>
internal sealed class GoFunctionException : Exception
{
    public GoFunctionException(string message) : base(message) { }
    public GoFunctionException() { }
    public GoFunctionException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Context passed to function implementations.</summary>
internal readonly record struct FunctionContext(Evaluator Evaluator, GoTemplateOptions Options);

/// <summary>A template function with a Go-like signature.</summary>
internal sealed record GoFunction(string Name, ParamType[] Params, bool Variadic, Func<FunctionContext, Val[], Val> Invoke);

/// <summary>Lookup table of the functions visible to a template.</summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<string, GoFunction> _map;

    private FunctionTable(Dictionary<string, GoFunction> map) => _map = map;

    public static FunctionTable Create(bool ollama)
    {
        var map = new Dictionary<string, GoFunction>(StringComparer.Ordinal);
        Builtins.Register(map);
        if (ollama) OllamaFunctions.Register(map);
        return new FunctionTable(map);
    }

    public bool TryGet(string name, out GoFunction fn) => _map.TryGetValue(name, out fn!);

    public bool Contains(string name) => _map.ContainsKey(name);
}
