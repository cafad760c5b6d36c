// example.expect: the WhenAll task holds 2 exceptions:
// example.expect:   InvalidOperationException: job 2 failed
// example.expect:   TimeoutException: job 3 failed
// example.expect: await rethrew the first of them: True
// example.expect: job 1 still completed: True
// Two of three tasks fail. The task from Task.WhenAll keeps every exception in
// an AggregateException; awaiting it rethrows only the first of them. A task
// that succeeds is not affected by the others failing.
Task job1 = Task.Delay(20);
Task job2 = FailAsync(new InvalidOperationException("job 2 failed"));
Task job3 = FailAsync(new TimeoutException("job 3 failed"));

Task all = Task.WhenAll(job1, job2, job3);
Exception? rethrown = null;
try
{
    await all;
}
catch (Exception ex)
{
    rethrown = ex;
}

var inner = all.Exception!.InnerExceptions;
Console.WriteLine($"the WhenAll task holds {inner.Count} exceptions:");
foreach (var ex in inner.OrderBy(e => e.Message))  // order not guaranteed
    Console.WriteLine($"  {ex.GetType().Name}: {ex.Message}");
bool first = ReferenceEquals(rethrown, inner[0]);
Console.WriteLine($"await rethrew the first of them: {first}");
Console.WriteLine($"job 1 still completed: {job1.IsCompletedSuccessfully}");

static async Task FailAsync(Exception error)
{
    await Task.Delay(10);
    throw error;
}
