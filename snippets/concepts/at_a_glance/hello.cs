// example.expect: hello from worker 1
// example.expect: hello from worker 2
// example.expect: hello from worker 3
// C#: three tasks on the thread pool; Task.WhenAll keeps start order.
Task<string>[] workers = Enumerable.Range(1, 3)
    .Select(worker => Task.Run(() => $"hello from worker {worker}"))
    .ToArray();
string[] lines = await Task.WhenAll(workers);

foreach (string line in lines)
{
    Console.WriteLine(line);
}
