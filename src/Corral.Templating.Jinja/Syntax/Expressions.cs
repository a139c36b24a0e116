namespace Corral.Templating.Jinja.Syntax;

/// <summary>Base of expression nodes; <see cref="Line"/> is 1-based.</summary>
internal abstract record Expr(int Line);

internal sealed record ConstExpr(int Line, object? Value) : Expr(Line);

internal sealed record NameExpr(int Line, string Name) : Expr(Line);

internal sealed record GetAttrExpr(int Line, Expr Target, string Attr) : Expr(Line);

internal sealed record GetItemExpr(int Line, Expr Target, Expr Key) : Expr(Line);

internal sealed record SliceExpr(int Line, Expr? Start, Expr? Stop, Expr? Step) : Expr(Line);

internal sealed record CallExpr(int Line, Expr Callee, Expr[] Args, KeyValuePair<string, Expr>[] Kwargs) : Expr(Line);

internal sealed record FilterExpr(int Line, Expr? Target, string Name, Expr[] Args, KeyValuePair<string, Expr>[] Kwargs) : Expr(Line);

internal sealed record TestExpr(int Line, Expr Target, string Name, Expr[] Args, KeyValuePair<string, Expr>[] Kwargs) : Expr(Line);

internal sealed record UnaryExpr(int Line, string Op, Expr Operand) : Expr(Line);

internal sealed record BinaryExpr(int Line, string Op, Expr Left, Expr Right) : Expr(Line);

internal sealed record CompareExpr(int Line, Expr First, (string Op, Expr Right)[] Rest) : Expr(Line);

internal sealed record CondExpr(int Line, Expr Test, Expr Then, Expr? Else) : Expr(Line);

internal sealed record ListExpr(int Line, Expr[] Items) : Expr(Line);

internal sealed record TupleExpr(int Line, Expr[] Items) : Expr(Line);

internal sealed record DictExpr(int Line, (Expr Key, Expr Value)[] Items) : Expr(Line);

internal sealed record ConcatExpr(int Line, Expr[] Parts) : Expr(Line);
