"""Parse an untrusted document in a child process bounded in memory and wall time.

A crafted .docx/.pdf/.html can make a parser inflate gigabytes or run for minutes; in the
server process that would take every user down. The child is a fresh interpreter
(`python -m assistant.documents.sandbox`), so it inherits neither the server's memory nor
its open files; it caps its own address space (RLIMIT_AS) and CPU time before importing any
parser, reads (name, bytes, limits) from stdin and writes JSON to stdout. CPU time, not wall time,
is the real bound: a hostile file burns CPU and the kernel stops the child at `timeout_s` of it,
while a benign file on a busy machine merely waits; the parent kills a child still running after
`wall_timeout_s`. Results come back as JSON, never pickle: the child handled hostile
bytes and is not trusted.
"""

from __future__ import annotations

import json
import math
import pickle
import resource
import subprocess
import sys

from assistant.errors import DocumentError
from assistant.settings import ParseLimits

# The child's own exit codes; anything else (a signal, an interpreter crash) is reported as such.
_EXIT_OK = 0
_EXIT_NO_MEMORY = 3


def parse_in_child(data: bytes, name: str, limits: ParseLimits) -> str:
    """The raw text of `data` (reader chosen by `name`), or DocumentError with a one-line reason."""
    request = pickle.dumps((name, data, limits.model_dump()), protocol=pickle.HIGHEST_PROTOCOL)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.documents.sandbox"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_child_env(),
    )
    try:
        out, _ = proc.communicate(request, timeout=limits.wall_timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise DocumentError(f"{name}: 文档解析超过 {limits.wall_timeout_s:g} 秒仍未完成（服务器繁忙或文件异常），"
                            "请稍后重试") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return _result(proc.returncode, out, name, limits)


def _result(code: int, out: bytes, name: str, limits: ParseLimits) -> str:
    if code == _EXIT_OK:
        try:
            reply = json.loads(out)
        except ValueError:
            raise DocumentError(f"{name}: 文档解析进程返回了无效结果") from None
        if "error" in reply:
            raise DocumentError(str(reply["error"]).splitlines()[0])
        return str(reply["text"])
    if code == _EXIT_NO_MEMORY or code == -9:
        raise DocumentError(f"{name}: 文档解析超出内存上限（{limits.memory_mb} MB），文件可能经过恶意构造")
    if code in (-24, 152):  # SIGXCPU: the CPU-time backstop
        raise DocumentError(f"{name}: 文档解析超时（CPU 时间超过 {limits.timeout_s:g} 秒），文件可能经过恶意构造")
    raise DocumentError(f"{name}: 文档解析进程异常退出（代码 {code}），文件可能已损坏")


def _child_env() -> dict[str, str]:
    """The package importable from anywhere; no secrets (the child needs none)."""
    import os

    import assistant

    root = os.path.dirname(os.path.dirname(os.path.abspath(assistant.__file__)))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_OPENAI"))}
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


# ---- the child -------------------------------------------------------------------------------

def _limit_self(limits: dict) -> None:
    memory = limits["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits["timeout_s"])  # SIGXCPU at the soft limit, SIGKILL one second later
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child() -> int:
    name, data, limits = pickle.loads(sys.stdin.buffer.read())
    _limit_self(limits)
    try:
        from assistant.documents.loaders import extract_text

        reply = {"text": extract_text(data, name, ParseLimits(**limits))}
    except MemoryError:
        return _EXIT_NO_MEMORY
    except DocumentError as exc:
        reply = {"error": str(exc)}
    except Exception as exc:  # a parser bug on hostile input is still just a bad document
        reply = {"error": f"{name}: 文档无法解析（{type(exc).__name__}）"}
    try:
        sys.stdout.buffer.write(json.dumps(reply, ensure_ascii=False).encode("utf-8"))
        sys.stdout.buffer.flush()
    except MemoryError:
        return _EXIT_NO_MEMORY
    return _EXIT_OK


if __name__ == "__main__":
    sys.exit(_child())
