// example.original-of: csharp/cancellation_token.cs
// example.exit-code: 1
// example.match: error CS8321: The local function 'Main' is declared but never used
using System;
using System.Threading;
using System.Threading.Tasks;

async Task LongRunningOperationAsync(CancellationToken ct)
{
    try
    {
        for (int i = 0; i < 10; i++)
        {
            ct.ThrowIfCancellationRequested();  // Check for cancellation
            Console.WriteLine($"Working... {i}");
            await Task.Delay(1000, ct);  // Async delay respects cancellation
        }
        Console.WriteLine("Completed successfully");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Operation was cancelled");
    }
}

async Task Main()
{
    using var cts = new CancellationTokenSource();
    
    // Cancel after 3.5 seconds
    cts.CancelAfter(3500);
    
    await LongRunningOperationAsync(cts.Token);
}
