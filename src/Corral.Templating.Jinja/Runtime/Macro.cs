using Corral.Templating.Jinja.Syntax;

namespace Corral.Templating.Jinja.Runtime;

/// <summary>A template macro (or the body of a call block exposed as <c>caller</c>), closing over its defining scope.</summary>
internal sealed class Macro(string name, string[] parameters, Expr?[] defaults, Stmt[] body, Scope closure, Macro? caller = null) : ICallable
{
    public string Name { get; } = name;

    public object? Call(Evaluation.Renderer renderer, List<object?> args, List<KeyValuePair<string, object?>>? kwargs)
    {
        var scope = new Scope(closure);
        var varargs = new List<object?>();
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        var bound = new bool[parameters.Length];
        for (var i = 0; i < args.Count; i++)
        {
            if (i < parameters.Length)
            {
                scope.Set(parameters[i], args[i]);
                bound[i] = true;
            }
            else
            {
                varargs.Add(args[i]);
            }
        }

        if (kwargs is not null)
        {
            foreach (var kv in kwargs)
            {
                var idx = Array.IndexOf(parameters, kv.Key);
                if (idx >= 0)
                {
                    if (bound[idx])
                    {
                        throw PyError.TypeError($"macro '{Name}' got multiple values for argument '{kv.Key}'");
                    }

                    scope.Set(kv.Key, kv.Value);
                    bound[idx] = true;
                }
                else if (kv.Key == "caller" && caller is null)
                {
                    scope.Set("caller", kv.Value);
                }
                else
                {
                    extra[kv.Key] = kv.Value;
                }
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!bound[i])
            {
                scope.Set(parameters[i], defaults[i] is { } d
                    ? renderer.Eval(d, scope)
                    : Undefined.WithHint($"parameter '{parameters[i]}' was not provided"));
            }
        }

        scope.Set("varargs", new PyTuple([.. varargs]));
        scope.Set("kwargs", extra);
        if (caller is not null)
        {
            scope.Set("caller", caller);
        }

        return renderer.CallMacroBody(body, scope);
    }
}
