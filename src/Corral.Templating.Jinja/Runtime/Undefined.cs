namespace Corral.Templating.Jinja.Runtime;

/// <summary>jinja2's default <c>Undefined</c>: prints empty, iterates empty, fails on most other use.</summary>
internal sealed class Undefined
{
    private static readonly object Missing = new();

    private Undefined(string? hint, object? obj, object? name, string errorType)
    {
        Hint = hint;
        Obj = obj;
        UndefinedName = name;
        ErrorType = errorType;
    }

    public string? Hint { get; }

    public object? Obj { get; }

    public object? UndefinedName { get; }

    public string ErrorType { get; }

    public static Undefined Name(string name) => new(null, Missing, name, "UndefinedError");

    public static Undefined Attribute(object? obj, object? name) => new(null, obj, name, "UndefinedError");

    public static Undefined WithHint(string hint) => new(hint, Missing, null, "UndefinedError");

    public static Undefined Unsafe(object? obj, string attr) =>
        new($"access to attribute '{attr}' of '{PyOps.TypeName(obj)}' object is unsafe.", obj, attr, "SecurityError");

    public string Message
    {
        get
        {
            if (Hint is not null)
            {
                return Hint;
            }

            if (ReferenceEquals(Obj, Missing))
            {
                return PythonRepr.Repr(UndefinedName) + " is undefined";
            }

            if (UndefinedName is not string s)
            {
                return $"{ObjectTypeRepr(Obj)} has no element {PythonRepr.Repr(UndefinedName)}";
            }

            return $"{PythonRepr.Repr(ObjectTypeRepr(Obj))} has no attribute {PythonRepr.Repr(s)}";
        }
    }

    public PyError Fail() => new(ErrorType, Message);

    private static string ObjectTypeRepr(object? obj) => obj is null ? "None" : PyOps.TypeName(obj) + " object";
}
