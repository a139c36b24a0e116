using Corral.Templating.Go.Functions;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Execution;

internal sealed partial class Evaluator
{
    private Val EvalPipeline(Val dot, PipeNode? pipe)
    {
        if (pipe == null) return Val.Invalid;
        At(pipe);
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = Val.Missing;
        var cmds = pipe.Cmds;
        for (int i = 0; i < cmds.Count; i++)
        {
            value = EvalCommand(dot, cmds[i], value);
            if (value.Iface) value = value.Concrete;
        }
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign) SetVar(variable.Ident[0], value);
            else Push(variable.Ident[0], value);
        }
        return value;
    }

    private void NotAFunction(List<GoNode> args, Val final)
    {
        if (args.Count > 1 || !final.IsMissing) throw Errorf("can't give argument to non-function " + args[0]);
    }

    private Val EvalCommand(Val dot, CommandNode cmd, Val final)
    {
        Step();
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode f: return EvalFieldNode(dot, f, cmd.Args, final);
            case ChainNode c: return EvalChainNode(dot, c, cmd.Args, final);
            case IdentifierNode id: return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode p:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, p);
            case VariableNode v: return EvalVariableNode(dot, v, cmd.Args, final);
        }
        At(first);
        NotAFunction(cmd.Args, final);
        switch (first)
        {
            case BoolNode b: return Val.Of(b.True);
            case DotNode: return dot;
            case NilNode: throw Errorf("nil is not a command");
            case NumberNode n: return IdealConstant(n);
            case StringNode s: return Val.Of(s.Text);
        }
        throw Errorf("can't evaluate command " + GoQuote.Quote(first.ToString()));
    }

    private Val EvalFieldNode(Val dot, FieldNode field, List<GoNode>? args, Val final)
    {
        At(field);
        return EvalFieldChain(dot, dot, field, field.Ident, 0, args, final);
    }

    private Val EvalChainNode(Val dot, ChainNode chain, List<GoNode>? args, Val final)
    {
        At(chain);
        if (chain.Field.Count == 0) throw Errorf("internal error: no fields in evalChainNode");
        if (chain.Node is NilNode) throw Errorf("indirection through explicit nil in " + chain);
        var pipe = EvalArg(dot, ParamType.Untyped, chain.Node);
        return EvalFieldChain(dot, pipe, chain, chain.Field, 0, args, final);
    }

    private Val EvalVariableNode(Val dot, VariableNode variable, List<GoNode>? args, Val final)
    {
        At(variable);
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Count == 1)
        {
            if (args != null) NotAFunction(args, final);
            else if (!final.IsMissing) throw Errorf("can't give argument to non-function " + variable);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident, 1, args, final);
    }

    private Val EvalFieldChain(Val dot, Val receiver, GoNode node, IReadOnlyList<string> ident, int start, List<GoNode>? args, Val final)
    {
        int n = ident.Count;
        for (int i = start; i < n - 1; i++) receiver = EvalField(ident[i], null, Val.Missing, receiver);
        return EvalField(ident[n - 1], args, final, receiver);
    }

    private Val EvalField(string fieldName, List<GoNode>? args, Val final, Val receiver)
    {
        if (!receiver.IsValid)
        {
            if (_options.MissingKey == MissingKeyMode.Error) throw Errorf("nil data; no entry for key " + GoQuote.Quote(fieldName));
            return Val.Invalid;
        }
        string typ = receiver.StaticTypeName;
        object? o = receiver.Obj;
        if (o == null) throw Errorf("nil pointer evaluating " + typ + "." + fieldName);
        bool hasArgs = (args != null && args.Count > 1) || !final.IsMissing;
        switch (GoValues.Kind(o))
        {
            case GoKind.Struct:
                if (((IGoStruct)o).TryGetField(fieldName, out var fv))
                {
                    if (hasArgs) throw Errorf(fieldName + " has arguments but cannot be invoked as function");
                    return new Val(fv, fv == null);
                }
                break;
            case GoKind.Map:
                if (hasArgs) throw Errorf(fieldName + " is not a method but has arguments");
                if (GoValues.TryGetMap(o, fieldName, out var mv)) return new Val(mv, true);
                return _options.MissingKey switch
                {
                    MissingKeyMode.Zero => Val.NilIface,
                    MissingKeyMode.Error => throw Errorf("map has no entry for key " + GoQuote.Quote(fieldName)),
                    _ => Val.Invalid,
                };
        }
        throw Errorf("can't evaluate field " + fieldName + " in type " + typ);
    }
}
