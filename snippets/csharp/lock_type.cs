// example.expect: lock statement: 100000
// example.expect: EnterScope: 100000
// .NET 9 added System.Threading.Lock, a type made only for mutual exclusion.
// The `lock` statement recognises it and calls its fast EnterScope path
// instead of Monitor; `using (x.EnterScope())` does the same by hand.
var counter = new Counter();
await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
{
    for (int i = 0; i < 10_000; i++)
        counter.Increment();
})));
Console.WriteLine($"lock statement: {counter.Count}");

var scoped = new Counter();
await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
{
    for (int i = 0; i < 10_000; i++)
        scoped.IncrementWithScope();
})));
Console.WriteLine($"EnterScope: {scoped.Count}");

class Counter
{
    private readonly Lock _lock = new();
    private int _count;

    public void Increment()
    {
        lock (_lock)  // compiles to _lock.EnterScope(), not Monitor.Enter
        {
            _count++;
        }
    }

    public void IncrementWithScope()
    {
        using (_lock.EnterScope())
        {
            _count++;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }
}
