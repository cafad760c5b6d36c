# The Go toolchain, with the real `go`.
from __future__ import annotations

from tests.toolchains.contract import ToolchainContract

MAIN = "package main\n\nimport (\n{imports})\n\nfunc main() {{\n{body}}}\n"


def program(imports: list[str], body: str) -> str:
    return "{options}" + MAIN.format(imports="".join(f'\t"{i}"\n' for i in imports), body=body)


class TestGo(ToolchainContract):
    language = "go"
    extension = ".go"
    comment = "//"
    error_lines = {"compile_error": 7, "runtime_error": 6}
    programs = {
        "hello": program(["fmt"], '\tfmt.Println("hello from go")\n'),
        # line 7: x is declared and not used
        "compile_error": 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("a")\n\tx := 1\n}\n',
        # line 6: the panic
        "runtime_error": (
            'package main\n\nimport "fmt"\n\nfunc fail() {\n\tpanic("boom")\n}\n\n'
            'func main() {\n\tfmt.Println("about to fail")\n\tfail()\n}\n'
        ),
        "exit_three": program(["fmt", "os"], '\tfmt.Println("leaving with 3")\n\tos.Exit(3)\n'),
        "hang": program(["fmt", "time"], '\tfmt.Println("sleeping")\n\ttime.Sleep(time.Hour)\n'),
        "unordered": program(
            ["fmt", "sync"],
            "\tvar wg sync.WaitGroup\n\tfor i := 0; i < 4; i++ {\n\t\twg.Add(1)\n"
            '\t\tgo func(i int) { defer wg.Done(); fmt.Printf("worker %d done\\n", i) }(i)\n'
            "\t}\n\twg.Wait()\n",
        ),
        "invalid_utf8": program(["os"], '\tos.Stdout.Write([]byte("bad \\xff\\xfe bytes\\n"))\n'),
        "flood": program(
            ["fmt", "strings"], '\tline := strings.Repeat("x", 1000)\n\tfor {\n\t\tfmt.Println(line)\n\t}\n'
        ),
        "orphan": program(
            ["fmt", "os/exec"],
            '\tchild := exec.Command("sleep", "{sleep}")\n\tif err := child.Start(); err != nil {\n\t\tpanic(err)\n\t}\n'
            '\tfmt.Println("parent exits, child", child.Process.Pid)\n',
        ),
    }
