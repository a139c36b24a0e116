using System.Diagnostics;
using System.Globalization;
using Corral.Templating.Go.Formatting;
using Corral.Templating.Go.Functions;

namespace Corral.Templating.Go.Execution;

/// <summary>Executes a parsed template set; a port of Go's <c>text/template</c> exec state.</summary>
internal sealed partial class Evaluator
{
    private enum Flow { Normal, Break, Continue }

    private readonly IReadOnlyDictionary<string, ListNode> _templates;
    private readonly string _text;
    private readonly string _parseName;
    private readonly GoTemplateOptions _options;
    private readonly OutputSink _out;
    private readonly FunctionTable _functions;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private List<(string Name, Val Value)> _vars = new();
    private string _tmplName;
    private GoNode? _node;
    private int _depth;
    private long _steps;

    public Evaluator(IReadOnlyDictionary<string, ListNode> templates, string text, string parseName,
        GoTemplateOptions options, TextWriter writer, FunctionTable functions)
    {
        _templates = templates;
        _text = text;
        _parseName = parseName;
        _options = options;
        _out = new OutputSink(writer, options.MaxOutputChars);
        _functions = functions;
        _tmplName = parseName;
    }

    public void Execute(string name, object? data)
    {
        var value = Val.Of(data);
        _tmplName = name;
        _vars = new List<(string, Val)> { ("$", value) };
        if (!_templates.TryGetValue(name, out var root))
            throw new GoTemplateRenderException(
                "template: " + name + ": " + GoQuote.Quote(name) + " is an incomplete or empty template");
        Walk(value, root);
    }

    internal GoTemplateOptions Options => _options;

    private void At(GoNode node) => _node = node;

    private void Step()
    {
        if (++_steps > _options.MaxSteps) throw Limit("step limit of " + _options.MaxSteps.ToString(CultureInfo.InvariantCulture) + " exceeded");
        if ((_steps & 255) == 0 && Stopwatch.GetElapsedTime(_startTimestamp) > _options.Timeout)
            throw Limit("time limit of " + _options.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms exceeded");
    }

    private void Write(string s)
    {
        if (!_out.TryWrite(s)) throw Limit("output limit of " + _options.MaxOutputChars.ToString(CultureInfo.InvariantCulture) + " characters exceeded");
    }

    private GoTemplateRenderException Limit(string what) =>
        new("template: " + _tmplName + ": execution stopped: " + what) { IsLimit = true };

    /// <summary>Go's <c>state.errorf</c>: prefixes location and context of the current node.</summary>
    internal GoTemplateRenderException Errorf(string message)
    {
        if (_node == null) return new GoTemplateRenderException("template: " + _tmplName + ": " + message);
        int pos = Math.Min(_node.Position, _text.Length);
        int line = 1;
        for (int i = 0; i < pos; i++) if (_text[i] == '\n') line++;
        int col = Parsing.Parser.ByteColumn(_text, pos);
        string location = string.Create(CultureInfo.InvariantCulture, $"{_parseName}:{line}:{col}");
        return new GoTemplateRenderException(
            "template: " + location + ": executing " + GoQuote.Quote(_tmplName) + " at <" + _node + ">: " + message);
    }

    private int Mark() => _vars.Count;

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void Push(string name, Val value) => _vars.Add((name, value));

    private void SetVar(string name, Val value)
    {
        for (int i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }
        throw Errorf("undefined variable: " + name);
    }

    private void SetTopVar(int n, Val value) => _vars[^n] = (_vars[^n].Name, value);

    private Val VarValue(string name)
    {
        for (int i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name) return _vars[i].Value;
        }
        throw Errorf("undefined variable: " + name);
    }

    /// <summary>Go's <c>isTrue</c> on an already-unwrapped value.</summary>
    internal static (bool Truth, bool Ok) IsTrue(Val v)
    {
        if (!v.IsValid || v.Obj == null) return (false, true);
        object o = v.Obj;
        return GoValues.Kind(o) switch
        {
            GoKind.Bool => ((bool)o, true),
            GoKind.String or GoKind.Map or GoKind.Slice => (GoValues.Len(o) > 0, true),
            GoKind.Int => (GoValues.ToInt(o) != 0, true),
            GoKind.Uint => (GoValues.ToUint(o) != 0, true),
            GoKind.Float => (GoValues.ToFloat(o) != 0, true),
            _ => (true, true),
        };
    }

    internal static string FormatV(object? o)
    {
        var sb = new System.Text.StringBuilder();
        GoPrinter.PrintTo(sb, o);
        return sb.ToString();
    }
}
