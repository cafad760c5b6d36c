// example.expect: sum of i * i for i < 1000000: 333332833333500000
// example.expect: equals n(n-1)(2n-1)/6: True
// example.expect: at most 2 loop bodies ran at once: True
// Parallel.For splits a range into chunks run on thread-pool threads. Each
// worker adds into its own subtotal (localInit / localFinally), so the shared
// total is touched once per worker, with Interlocked.Add, not once per item.
const long N = 1_000_000;
long total = 0;
int running = 0, mostAtOnce = 0;

var options = new ParallelOptions { MaxDegreeOfParallelism = 2 };
Parallel.For(
    0,
    N,
    options,
    localInit: () => 0L,
    body: (i, _, subtotal) =>
    {
        int now = Interlocked.Increment(ref running);
        InterlockedMax(ref mostAtOnce, now);
        subtotal += i * i;
        Interlocked.Decrement(ref running);
        return subtotal;
    },
    localFinally: subtotal => Interlocked.Add(ref total, subtotal));

Console.WriteLine($"sum of i * i for i < {N}: {total}");
bool matches = total == N * (N - 1) * (2 * N - 1) / 6;
Console.WriteLine($"equals n(n-1)(2n-1)/6: {matches}");
Console.WriteLine($"at most 2 loop bodies ran at once: {mostAtOnce <= 2}");

// Raise `target` to `value` unless another thread already stored a larger one.
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
