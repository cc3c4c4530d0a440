"""composer never spawns a process or a shell: it talks to the engine through the SDK only."""
import ast
from pathlib import Path

import composer

ROOT = Path(composer.__file__).parent
FORBIDDEN_MODULES = {"subprocess", "pty", "commands", "popen2"}
FORBIDDEN_CALLS = {
    ("os", "system"), ("os", "popen"), ("os", "fork"), ("os", "forkpty"),
    ("os", "posix_spawn"), ("os", "posix_spawnp"), ("pty", "spawn"),
}
FORBIDDEN_PREFIXES = {("os", "exec"), ("os", "spawn"), ("asyncio", "create_subprocess_")}


def _forbidden_attr(base, name):
    return ((base, name) in FORBIDDEN_CALLS
            or any(base == b and name.startswith(p) for b, p in FORBIDDEN_PREFIXES))


def offences(source, filename="<src>"):
    """(line, what) for every process-spawning import or reference in source."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            mod = (node.module or "").split(".")[0]
            if mod in FORBIDDEN_MODULES:
                found.append((node.lineno, f"from {node.module} import"))
            for alias in node.names:
                if _forbidden_attr(mod, alias.name):
                    found.append((node.lineno, f"from {mod} import {alias.name}"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if _forbidden_attr(node.value.id, node.attr):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "__import__" and node.args and isinstance(
                    node.args[0], ast.Constant) and node.args[0].value in FORBIDDEN_MODULES:
                found.append((node.lineno, f"__import__({node.args[0].value!r})"))
    return found


def test_no_module_under_composer_spawns_a_process():
    files = sorted(ROOT.rglob("*.py"))
    assert len(files) > 50
    bad = [f"{p.relative_to(ROOT.parent)}:{line}: {what}"
           for p in files for line, what in offences(p.read_text(), str(p))]
    assert bad == []


def test_the_checker_catches_each_form():
    samples = {
        "import subprocess": 1, "import subprocess as sp": 1,
        "from subprocess import run": 1, "import pty\npty.spawn('sh')": 2,
        "import os\nos.system('x')": 1, "os.popen('x')": 1, "os.execvp('sh', [])": 1,
        "os.spawnl(0, 'sh')": 1, "from os import execv": 1, "from os import system": 1,
        "asyncio.create_subprocess_exec('sh')": 1, "asyncio.create_subprocess_shell('x')": 1,
        "__import__('subprocess')": 1, "os.posix_spawn('sh', [], {})": 1,
    }
    for src, n in samples.items():
        assert len(offences(src)) == n, src
    assert offences("import os\nos.path.join('a')\nos.environ.get('X')") == []
