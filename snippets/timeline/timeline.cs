// The timeline helper for C# examples: who was busy when, and which messages went where.
// The build compiles it beside the example and sets CONCURRENCY_TIMELINE to a file next to it;
// run by hand, without that variable, every call here does nothing.
using System.Diagnostics;
using System.Runtime.CompilerServices;

static class Timeline
{
    static readonly object Gate = new();
    // Opened, and its line format used once, before the first event: that event's time must not
    // include the helper's own start-up.
    static readonly StreamWriter? Writer = Open(Environment.GetEnvironmentVariable("CONCURRENCY_TIMELINE"));

    /// <summary>`unit` starts being busy.</summary>
    public static void Start(string unit, string label = "", [CallerLineNumber] int line = 0) =>
        Emit("start", unit, label, line);

    /// <summary>`unit` stops being busy.</summary>
    public static void Finish(string unit, string label = "", [CallerLineNumber] int line = 0) =>
        Emit("end", unit, label, line);

    /// <summary>`using (Timeline.Busy(unit, label)) { ... }`: a span from here to the end of the block.</summary>
    public static IDisposable Busy(string unit, string label = "", [CallerLineNumber] int line = 0)
    {
        Emit("start", unit, label, line);
        return new Span(unit, label, line);
    }

    /// <summary>`unit` hands `message` over; call it before the handover.</summary>
    public static void Send(string unit, string message, [CallerLineNumber] int line = 0) =>
        Emit("send", unit, message, line);

    /// <summary>`unit` has received `message` (the same text its sender used).</summary>
    public static void Recv(string unit, string message, [CallerLineNumber] int line = 0) =>
        Emit("recv", unit, message, line);

    /// <summary>A moment worth pointing at.</summary>
    public static void Mark(string unit, string label, [CallerLineNumber] int line = 0) =>
        Emit("mark", unit, label, line);

    sealed class Span(string unit, string label, int line) : IDisposable
    {
        public void Dispose() => Emit("end", unit, label, line);
    }

    static void Emit(string kind, string unit, string label, int line)
    {
        if (Writer is null)
        {
            return;
        }
        string text = Format(kind, Now(), unit, line, label);
        lock (Gate)
        {
            Writer.Write(text);
        }
    }

    static StreamWriter? Open(string? path)
    {
        if (path is null)
        {
            return null;
        }
        var writer = new StreamWriter(path, append: true) { AutoFlush = true };
        writer.Write($"# cpus {Environment.ProcessorCount}\n");
        if (int.TryParse(Environment.GetEnvironmentVariable("CONCURRENCY_CORES"), out int granted) && granted > 0)
        {
            writer.Write($"# cores {granted}\n"); // free cores the build reserved for this run
        }
        _ = Format("start", Now(), "warm-up", 0, "");
        return writer;
    }

    // Stopwatch reads the monotonic clock; its ticks are converted to nanoseconds.
    static long Now() => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    static string Format(string kind, long now, string unit, int line, string label) =>
        $"{kind}\t{now}\t{Clean(unit)}\t{line}\t{Clean(label)}\n";

    static string Clean(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
