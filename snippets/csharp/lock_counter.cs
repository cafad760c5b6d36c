// example.expect: Final count: 100000
// example.erratum: The article declares class Counter before its top-level code, which does not compile (CS8803: top-level statements must precede type declarations); with the order fixed, its code would still sit in a local `async Task Main()` that nobody calls (CS8321). The statements now come first and run, and each task increments 10,000 times so the lock actually has contention to prevent. Its closing comment suggested ReaderWriterLockSlim or Semaphore as the modern alternative; for a counter the fitting tools are Interlocked or .NET 9's System.Threading.Lock.
// Ten tasks increment one shared counter; `lock` makes each ++ exclusive,
// so no update is lost and the total is always 10 x 10,000.
var counter = new Counter();

// Multiple concurrent increments
var tasks = Enumerable.Range(0, 10)
    .Select(_ => Task.Run(() =>
    {
        for (int i = 0; i < 10_000; i++)
            counter.Increment();
    }))
    .ToArray();

await Task.WhenAll(tasks);
Console.WriteLine($"Final count: {counter.GetCount()}");  // 100000

class Counter
{
    private int _count = 0;
    private readonly object _lock = new object();

    public void Increment()
    {
        lock (_lock)  // Mutual exclusion
        {
            _count++;
        }
    }

    public int GetCount()
    {
        lock (_lock)
        {
            return _count;
        }
    }

    // The article suggested "ReaderWriterLockSlim or Semaphore" here. A counter
    // needs no lock at all (Interlocked.Increment); where a lock is needed,
    // .NET 9+ has System.Threading.Lock. Both are shown on the Locks page.
}
