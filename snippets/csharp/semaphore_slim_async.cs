// example.expect: SemaphoreSlim(1): balance 10, one at a time: True
// example.expect: SemaphoreSlim(3): 10 calls, at most 3 at once: True
// `await` is not allowed inside `lock`, but SemaphoreSlim.WaitAsync waits
// without blocking a thread. With a count of 1 it is an async mutex; with a
// count of 3 it lets three callers in at a time (throttling).
var mutex = new SemaphoreSlim(1, 1);
int balance = 0, inside = 0, mostInside = 0;

await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
{
    await mutex.WaitAsync();
    try
    {
        int now = Interlocked.Increment(ref inside);
        mostInside = Math.Max(mostInside, now);
        int read = balance;
        await Task.Delay(10);  // an await in the middle of the critical section
        balance = read + 1;
        Interlocked.Decrement(ref inside);
    }
    finally
    {
        mutex.Release();
    }
})));
bool exclusive = mostInside == 1;
Console.WriteLine(
    $"SemaphoreSlim(1): balance {balance}, one at a time: {exclusive}");

var throttle = new SemaphoreSlim(3, 3);
int callsInside = 0, mostCallsInside = 0, calls = 0;
await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
{
    await throttle.WaitAsync();
    try
    {
        int now = Interlocked.Increment(ref callsInside);
        InterlockedMax(ref mostCallsInside, now);
        await Task.Delay(30);  // a call to a rate-limited service, say
        Interlocked.Increment(ref calls);
        Interlocked.Decrement(ref callsInside);
    }
    finally
    {
        throttle.Release();
    }
})));
bool throttled = mostCallsInside <= 3;
Console.WriteLine(
    $"SemaphoreSlim(3): {calls} calls, at most 3 at once: {throttled}");

static void InterlockedMax(ref int target, int value)
{
    int seen = Volatile.Read(ref target);
    while (value > seen)
    {
        int previous = Interlocked.CompareExchange(ref target, value, seen);
        if (previous == seen)
            return;
        seen = previous;
    }
}
