// example.cores: waits
// example.expect: fast call: finished
// example.expect: slow call: timed out
// example.expect: caller gave up: cancelled by the caller
// One token for the caller's cancellation, one for our own timeout, linked
// into a third that cancels when either does. The catch filters tell the two
// causes apart, which a single token cannot.
var none = CancellationToken.None;  // a caller that never cancels
string fast = await CallAsync(workMs: 50, timeoutMs: 10_000, none);
Console.WriteLine($"fast call: {fast}");
string slow = await CallAsync(workMs: 10_000, timeoutMs: 100, none);
Console.WriteLine($"slow call: {slow}");

using var caller = new CancellationTokenSource();
caller.CancelAfter(100);  // the caller gives up long before our own timeout
string abandoned =
    await CallAsync(workMs: 10_000, timeoutMs: 10_000, caller.Token);
Console.WriteLine($"caller gave up: {abandoned}");

static async Task<string> CallAsync(
    int workMs, int timeoutMs, CancellationToken caller)
{
    using var timeout = new CancellationTokenSource(timeoutMs);
    using var linked =
        CancellationTokenSource.CreateLinkedTokenSource(caller, timeout.Token);
    try
    {
        // Stands for real work that honours the token.
        await Task.Delay(workMs, linked.Token);
        return "finished";
    }
    catch (OperationCanceledException) when (caller.IsCancellationRequested)
    {
        return "cancelled by the caller";
    }
    catch (OperationCanceledException) when (timeout.IsCancellationRequested)
    {
        return "timed out";
    }
}
