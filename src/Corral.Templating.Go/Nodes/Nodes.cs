namespace Corral.Templating.Go;

/// <summary>Base of the template syntax tree, mirroring Go's <c>text/template/parse</c> nodes.</summary>
/// <param name="Position">Character offset of the node in the template source.</param>
public abstract record GoNode(int Position)
{
    /// <summary>Go's <c>String()</c> rendering of the node (used in error contexts).</summary>
    public sealed override string ToString() => NodeWriter.Write(this);
}

/// <summary>A sequence of nodes.</summary>
public sealed record ListNode(int Position, List<GoNode> Nodes) : GoNode(Position);

/// <summary>Plain text.</summary>
public sealed record TextNode(int Position, string Text) : GoNode(Position);

/// <summary>A comment (only kept when comments are parsed).</summary>
public sealed record CommentNode(int Position, string Text) : GoNode(Position);

/// <summary>An action such as <c>{{.Field}}</c>.</summary>
public sealed record ActionNode(int Position, int Line, PipeNode Pipe) : GoNode(Position);

/// <summary>A pipeline with optional variable declarations.</summary>
public sealed record PipeNode(int Position, int Line, List<VariableNode> Decl, List<CommandNode> Cmds) : GoNode(Position)
{
    /// <summary>True for <c>$x = ...</c>, false for <c>$x := ...</c>.</summary>
    public bool IsAssign { get; set; }
}

/// <summary>A command: a function/field/operand followed by arguments.</summary>
public sealed record CommandNode(int Position, List<GoNode> Args) : GoNode(Position);

/// <summary>A field chain on dot, e.g. <c>.A.B</c>.</summary>
public sealed record FieldNode(int Position, IReadOnlyList<string> Ident) : GoNode(Position);

/// <summary>A variable with optional field chain, e.g. <c>$x.A</c>.</summary>
public sealed record VariableNode(int Position, IReadOnlyList<string> Ident) : GoNode(Position);

/// <summary>A field chain on a term, e.g. <c>(pipeline).Field</c>.</summary>
public sealed record ChainNode(int Position, GoNode Node, List<string> Field) : GoNode(Position);

/// <summary>A function name.</summary>
public sealed record IdentifierNode(int Position, string Ident) : GoNode(Position);

/// <summary>The cursor <c>.</c>.</summary>
public sealed record DotNode(int Position) : GoNode(Position);

/// <summary>The untyped <c>nil</c>.</summary>
public sealed record NilNode(int Position) : GoNode(Position);

/// <summary>A boolean constant.</summary>
public sealed record BoolNode(int Position, bool True) : GoNode(Position);

/// <summary>A string constant; <paramref name="Quoted"/> is the original source text.</summary>
public sealed record StringNode(int Position, string Quoted, string Text) : GoNode(Position);

/// <summary>A numeric or character constant with Go's ideal-constant interpretations.</summary>
public sealed record NumberNode(int Position, string Text) : GoNode(Position)
{
    /// <summary>Value fits an int64.</summary>
    public bool IsInt { get; set; }
    /// <summary>Value fits a uint64.</summary>
    public bool IsUint { get; set; }
    /// <summary>Value is a float64.</summary>
    public bool IsFloat { get; set; }
    /// <summary>Value is complex (unsupported at execution).</summary>
    public bool IsComplex { get; set; }
    /// <summary>Signed value.</summary>
    public long Int64 { get; set; }
    /// <summary>Unsigned value.</summary>
    public ulong Uint64 { get; set; }
    /// <summary>Float value.</summary>
    public double Float64 { get; set; }
}

/// <summary>Common shape of if/range/with.</summary>
public abstract record BranchNode(int Position, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList) : GoNode(Position);

/// <summary><c>{{if}}</c>.</summary>
public sealed record IfNode(int Position, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList)
    : BranchNode(Position, Line, Pipe, List, ElseList);

/// <summary><c>{{range}}</c>.</summary>
public sealed record RangeNode(int Position, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList)
    : BranchNode(Position, Line, Pipe, List, ElseList);

/// <summary><c>{{with}}</c>.</summary>
public sealed record WithNode(int Position, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList)
    : BranchNode(Position, Line, Pipe, List, ElseList);

/// <summary><c>{{break}}</c>.</summary>
public sealed record BreakNode(int Position, int Line) : GoNode(Position);

/// <summary><c>{{continue}}</c>.</summary>
public sealed record ContinueNode(int Position, int Line) : GoNode(Position);

/// <summary><c>{{template "name" pipeline}}</c> (also produced by <c>block</c>).</summary>
public sealed record TemplateNode(int Position, int Line, string Name, PipeNode? Pipe) : GoNode(Position);

/// <summary>Internal marker for <c>{{end}}</c> during parsing.</summary>
internal sealed record EndNode(int Position) : GoNode(Position);

/// <summary>Internal marker for <c>{{else}}</c> during parsing.</summary>
internal sealed record ElseNode(int Position, int Line) : GoNode(Position);
