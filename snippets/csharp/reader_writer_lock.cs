// example.expect: readers inside together: 2
// example.expect: writer got in while they held it: False
// example.expect: writer got in after they left: True
// ReaderWriterLockSlim lets any number of readers in at once and a writer in
// alone. It belongs to threads (the thread that enters must exit), so it
// cannot be held across an await; use it for read-mostly data in sync code.
using var rw = new ReaderWriterLockSlim();
using var bothInside = new Barrier(3);  // two readers and this thread
using var letGo = new ManualResetEventSlim();

var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
{
    rw.EnterReadLock();
    try
    {
        bothInside.SignalAndWait();
        letGo.Wait();
    }
    finally
    {
        rw.ExitReadLock();
    }
})).ToList();
readers.ForEach(t => t.Start());

bothInside.SignalAndWait();  // returns once both readers hold the read lock
Console.WriteLine($"readers inside together: {rw.CurrentReadCount}");
Console.WriteLine($"writer got in while they held it: {rw.TryEnterWriteLock(0)}");

letGo.Set();
readers.ForEach(t => t.Join());
bool entered = rw.TryEnterWriteLock(TimeSpan.FromSeconds(10));
Console.WriteLine($"writer got in after they left: {entered}");
if (entered)
    rw.ExitWriteLock();
