// A one-second operation gets 200 ms: a CancellationTokenSource with a timeout cancels its token.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
const int Steps = 20; // of 50 ms each
int stepsDone = 0;

using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
var work = SlowOperationAsync(timeout.Token);
try
{
    using (Timeline.Busy("main", "waits 200 ms"))
    {
        await work;
    }
}
catch (OperationCanceledException)
{
    Console.WriteLine("caller: timed out, operation cancelled");
}

int before = Volatile.Read(ref stepsDone);
using (Timeline.Busy("main", "checks"))
{
    await Task.Delay(150); // three more steps' worth of time
}
bool stopped = work.IsCanceled && Volatile.Read(ref stepsDone) == before && before < Steps;
Console.WriteLine($"work stopped: {stopped.ToString().ToLowerInvariant()}");

async Task SlowOperationAsync(CancellationToken token)
{
    Console.WriteLine("slow operation: started");
    try
    {
        using (Timeline.Busy("operation", "1 s of work"))
        {
            for (int i = 0; i < Steps; i++)
            {
                await Task.Delay(50, token); // throws once the token is cancelled
                Timeline.Mark("operation", $"step {Interlocked.Increment(ref stepsDone)}");
            }
        }
        Console.WriteLine("slow operation: done"); // never printed: cancelled first
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("slow operation: cancelled, cleaning up");
        throw; // the task ends up Canceled, and the caller's await throws
    }
}
