// example.expect: Final count: 100000
// A counter is one integer, and Interlocked.Increment updates it in one atomic
// operation: no lock object, nothing to block on.
int count = 0;

await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
{
    for (int i = 0; i < 10_000; i++)
        Interlocked.Increment(ref count);
})));

Console.WriteLine($"Final count: {Volatile.Read(ref count)}");
