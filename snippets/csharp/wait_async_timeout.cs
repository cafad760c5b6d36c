// example.expect: stopped waiting: TimeoutException
// example.expect: the work itself was still running: True
// example.expect: and finished later: True
// Task.WaitAsync(timeout) limits how long we wait, not how long the work runs:
// it throws a TimeoutException while the task carries on. To stop the work
// itself, give it a CancellationToken.
var work = Task.Delay(300);  // stands for an operation that takes a while

try
{
    await work.WaitAsync(TimeSpan.FromMilliseconds(50));
}
catch (TimeoutException ex)
{
    Console.WriteLine($"stopped waiting: {ex.GetType().Name}");
}
Console.WriteLine($"the work itself was still running: {!work.IsCompleted}");

await work;
Console.WriteLine($"and finished later: {work.IsCompletedSuccessfully}");
