// example.expect: fast call: finished
// example.expect: slow call: timed out
// example.expect: caller gave up: cancelled by the caller
// One token for the caller's cancellation, one for our own timeout, linked
// into a third that cancels when either does. The catch filters tell the two
// causes apart, which a single token cannot.
using var neverCancelled = new CancellationTokenSource();
Console.WriteLine($"fast call: {await CallAsync(workMs: 50, timeoutMs: 10_000, neverCancelled.Token)}");
Console.WriteLine($"slow call: {await CallAsync(workMs: 10_000, timeoutMs: 100, neverCancelled.Token)}");

using var caller = new CancellationTokenSource();
caller.CancelAfter(100);  // the caller gives up long before our own timeout
Console.WriteLine($"caller gave up: {await CallAsync(workMs: 10_000, timeoutMs: 10_000, caller.Token)}");

static async Task<string> CallAsync(int workMs, int timeoutMs, CancellationToken callerToken)
{
    using var timeout = new CancellationTokenSource(timeoutMs);
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeout.Token);
    try
    {
        await Task.Delay(workMs, linked.Token);  // stands for real work that honours the token
        return "finished";
    }
    catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
    {
        return "cancelled by the caller";
    }
    catch (OperationCanceledException) when (timeout.IsCancellationRequested)
    {
        return "timed out";
    }
}
