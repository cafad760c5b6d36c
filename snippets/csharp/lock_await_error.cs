// example.exit-code: 1
// example.match: error CS1996: Cannot await in the body of a lock statement
// This program does not compile, on purpose: the thread that takes a lock must
// release it, and code after an await may resume on another thread.
var gate = new object();
int balance = 0;

lock (gate)
{
    int read = balance;
    await Task.Delay(10);
    balance = read + 1;
}
Console.WriteLine(balance);
