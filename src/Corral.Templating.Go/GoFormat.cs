using Corral.Templating.Go.Formatting;
using Corral.Templating.Go.Functions;

namespace Corral.Templating.Go;

/// <summary>Go <c>fmt</c> and <c>encoding/json</c> behaviour over the template value protocol, for hosts
/// that need to format values exactly as templates would (e.g. implementing <see cref="IGoStringer"/>).</summary>
public static class GoFormat
{
    /// <summary>Go's <c>fmt.Sprint</c>.</summary>
    public static string Sprint(params object?[] args) => GoPrinter.Sprint(args);

    /// <summary>Go's <c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, params object?[] args) => GoPrinter.Sprintf(format, args);

    /// <summary>Go's <c>json.Marshal</c>; <see langword="null"/> where Go would return an error (NaN, functions, ...).</summary>
    public static string? Json(object? value) => GoJson.Marshal(value);
}
