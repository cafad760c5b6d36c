// example.exit-code: 1
// example.match: error CS9216: A value of type 'System\.Threading\.Lock' converted to a different type
// Does not compile here, on purpose: once a Lock is seen as an `object`, the
// `lock` statement would use Monitor on it and skip Lock's own fast path. The
// compiler warns, and this site treats warnings as errors.
Lock typed = new();
object untyped = typed;

lock (untyped)
{
    Console.WriteLine("inside a Monitor lock on a Lock object");
}
