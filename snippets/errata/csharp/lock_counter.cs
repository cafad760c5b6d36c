// example.original-of: csharp/lock_counter.cs
// example.exit-code: 1
// example.match: error CS8803: Top-level statements must precede namespace and type declarations
using System;
using System.Threading.Tasks;

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
    
    // Modern alternative: ReaderWriterLockSlim or Semaphore
}

async Task Main()
{
    var counter = new Counter();
    
    // Multiple concurrent increments
    var tasks = Enumerable.Range(0, 10)
        .Select(_ => Task.Run(() => counter.Increment()))
        .ToArray();
    
    await Task.WhenAll(tasks);
    Console.WriteLine($"Final count: {counter.GetCount()}");  // 10
}
