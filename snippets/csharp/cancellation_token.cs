// example.cores: waits
// example.match: \ACancelling after 1000 ms\nWorking\.\.\. 0\nWorking\.\.\. 1\n
// example.match: ^Operation was cancelled\n?\Z
// example.match: \A(?![\s\S]*Working\.\.\. [5-9])(?![\s\S]*Completed successfully)
// example.erratum: The article's code sits in a local `async Task Main()` that top-level code never calls, so it prints nothing (warning CS8321, an error here); the statements are now the top-level program, with the timings scaled down: 400 ms steps and a cancel after 1000 ms (half-way through the third step) instead of 1 s steps and 3.5 s.
// A loop of delayed steps gets a CancellationToken; the source is set to cancel
// it half-way through the third step, and Task.Delay throws when it does.
const int StepMs = 400;
const int CancelAfterMs = 1000;  // 2.5 steps

Console.WriteLine($"Cancelling after {CancelAfterMs} ms");

using var cts = new CancellationTokenSource();
cts.CancelAfter(CancelAfterMs);

await LongRunningOperationAsync(cts.Token);

static async Task LongRunningOperationAsync(CancellationToken ct)
{
    try
    {
        for (int i = 0; i < 10; i++)
        {
            ct.ThrowIfCancellationRequested();  // Check for cancellation
            Console.WriteLine($"Working... {i}");
            await Task.Delay(StepMs, ct);  // Async delay respects cancellation
        }
        Console.WriteLine("Completed successfully");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Operation was cancelled");
    }
}
