// example.expect: stopped waiting: TimeoutException
// example.expect: the work itself was still running: True
// example.expect: and finished later: True
// Task.WaitAsync(timeout) limits how long we wait, not how long the work runs:
// it throws a TimeoutException while the task carries on. To stop the work
// itself, give it a CancellationToken.
var finish = new TaskCompletionSource();
Task work = finish.Task;  // stands for an operation that is still in progress

try
{
    await work.WaitAsync(TimeSpan.FromMilliseconds(50));
}
catch (TimeoutException ex)
{
    Console.WriteLine($"stopped waiting: {ex.GetType().Name}");
}
Console.WriteLine($"the work itself was still running: {!work.IsCompleted}");

finish.SetResult();  // the operation completes later, on its own schedule
await work;
Console.WriteLine($"and finished later: {work.IsCompletedSuccessfully}");
