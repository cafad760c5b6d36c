// example.expect: new Task(work):                       Created
// example.expect: Start() on a scheduler not yet run:   WaitingToRun
// example.expect: while its delegate runs:              Running
// example.expect: after the delegate returned:          RanToCompletion
// example.expect: Task.Run of a delegate that throws:   Faulted
// example.expect: Task.Run with a cancelled token:      Canceled
// example.expect: async method, at its first await:     WaitingForActivation
// example.expect: async method, while its code runs:    WaitingForActivation
// example.expect: async method, after it returned:      RanToCompletion
// example.expect: the async method's task was never Created, WaitingToRun or Running: True
// The life of a Task depends on where it came from. A task made from a
// delegate (new Task, Task.Run) is Created, queued (WaitingToRun), Running,
// then RanToCompletion, Faulted or Canceled. The task an async method returns
// is a promise: it waits for activation until the method finishes, whether or
// not the method's code is running at the moment.
var work = new Task(() => { });
Show("new Task(work):", work.Status);
var scheduler = new HeldScheduler();
work.Start(scheduler);  // queued on a scheduler that has not run it yet
Show("Start() on a scheduler not yet run:", work.Status);

using var inside = new ManualResetEventSlim();
using var release = new ManualResetEventSlim();
var running = new Task(() => { inside.Set(); release.Wait(); });
running.Start();
inside.Wait();
Show("while its delegate runs:", running.Status);
release.Set();
await running;
Show("after the delegate returned:", running.Status);

var faulted = Task.Run(() => throw new InvalidOperationException("boom"));
try { await faulted; } catch (InvalidOperationException) { }
Show("Task.Run of a delegate that throws:", faulted.Status);
var cancelled = Task.Run(() => { }, new CancellationToken(canceled: true));
try { await cancelled; } catch (OperationCanceledException) { }
Show("Task.Run with a cancelled token:", cancelled.Status);

var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var seen = new List<TaskStatus>();
Task? method = null;
method = MethodAsync();
seen.Add(method.Status);
Show("async method, at its first await:", method.Status);
gate.SetResult();
await method;
Show("async method, while its code runs:", seen[1]);
Show("async method, after it returned:", method.Status);
seen.Add(method.Status);
bool never = !seen.Any(s => s is TaskStatus.Created or TaskStatus.WaitingToRun or TaskStatus.Running);
Console.WriteLine(
    $"the async method's task was never Created, WaitingToRun or Running: {never}");
scheduler.RunAll();  // let the held task run, so nothing is left behind
await work;

async Task MethodAsync()
{
    await gate.Task;
    seen.Add(method!.Status);  // this code is running right now
}

static void Show(string what, TaskStatus status) => Console.WriteLine($"{what,-37} {status}");

// A scheduler that keeps the tasks queued on it until asked to run them.
class HeldScheduler : TaskScheduler
{
    private readonly List<Task> _held = new();

    protected override void QueueTask(Task task) => _held.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool queued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _held;

    public void RunAll() => _held.ForEach(task => TryExecuteTask(task));
}
