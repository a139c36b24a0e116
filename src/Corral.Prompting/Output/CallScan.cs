namespace Corral.Prompting.Output;

/// <summary>How a <see cref="ToolCallFormat"/> judged the text from a trigger onwards.</summary>
internal enum CallScanStatus
{
    /// <summary>The call is not complete yet; wait for more text.</summary>
    NeedMore,

    /// <summary><see cref="CallScan.Consumed"/> characters were one or more calls (or a marker that carries none).</summary>
    Done,

    /// <summary><see cref="CallScan.Consumed"/> characters looked like a call but did not parse.</summary>
    Failed,

    /// <summary><see cref="CallScan.Consumed"/> characters are plain answer text after all (a bare JSON reply that is not a call).</summary>
    NotACall,
}

/// <summary>The verdict of one scan: what the leading <see cref="Consumed"/> characters were.</summary>
internal readonly record struct CallScan(CallScanStatus Status, int Consumed, IReadOnlyList<ParsedCall>? Calls = null, string? Failure = null)
{
    public static CallScan NeedMore { get; } = new(CallScanStatus.NeedMore, 0);

    public static CallScan Done(int consumed, IReadOnlyList<ParsedCall> calls) => new(CallScanStatus.Done, consumed, calls);

    public static CallScan Failed(int consumed, string failure) => new(CallScanStatus.Failed, consumed, null, failure);

    public static CallScan NotACall(int consumed) => new(CallScanStatus.NotACall, consumed);
}
