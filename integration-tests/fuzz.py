"""Mutation fuzzing of the checks on real code: the checker must never crash javac, also on code that does not compile.

Takes the sources and the javac options of projects the runner has compiled (integration-tests/target/<project>/),
changes one file at a time (mostly a call statement wrapped in a block, an if, a try or a loop, or written twice,
which keeps it compiling: Error Prone does not analyse a file with errors; sometimes a line deleted or the file cut
short or an identifier renamed, which breaks it), compiles that file alone against the project's classpath and its compiled classes, and looks for
Error Prone's crash banner and the Corral checks' internal-error note. Each crash is kept with the mutated file and
the compiler's output under target/fuzz/crashes/. Not part of the default build; run it after a full runner pass:

  python3 integration-tests/fuzz.py --minutes 10 [--seed N] [--jobs 2] [project ...]

Exit code 1 when a crash was found."""
import argparse
import concurrent.futures
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
sys.path.insert(0, str(HERE))
from runner import CRASH_MARKER, INTERNAL_ERROR_MARKER  # noqa: E402

IDENTIFIER = re.compile(r"\b[a-z][A-Za-z0-9_]{2,}\b")


def compiled_projects(names: list[str]) -> list[Path]:
    works = sorted(p.parent for p in TARGET.glob("*/javac-options.txt") if (p.parent / "classes").is_dir())
    return [w for w in works if not names or w.name in names]


CALL_STATEMENT = re.compile(r"^(\s*)((?:this\.|super\.)?[A-Za-z_][\w.]*\(.*\)[\w.()\s,->:\"']*;)\s*$")
WRAPS = (
    ("block", "{{ {0} }}"),
    ("if", "if (System.nanoTime() != 0) {{ {0} }}"),
    ("if-else", "if (System.nanoTime() != 0) {{ {0} }} else {{ {0} }}"),
    ("try-finally", "try {{ {0} }} finally {{ }}"),
    ("try-catch", "try {{ {0} }} catch (RuntimeException wrapped) {{ throw wrapped; }}"),
    ("loop", "for (int fuzz = 0; fuzz < 1; fuzz++) {{ {0} }}"),
    ("twice", "{0} {0}"),
)


def mutate(text: str, rng: random.Random) -> tuple[str, str]:
    """One random mutation of a source file, and its description. Most keep the file compiling (Error Prone does
    not analyse a file with errors): a call statement wrapped in a block, an if, a try, a loop, or written twice;
    the rest break it (a line deleted or cut short, an identifier renamed) to check the checks stay out of the way."""
    lines = text.split("\n")
    calls = [i for i, line in enumerate(lines) if CALL_STATEMENT.match(line)
             and not re.match(r"\s*(return|throw|case|package|import|assert)\b", line)]
    kind = rng.choice(["wrap"] * 6 + ["delete-line", "truncate", "rename"])
    if kind == "wrap" and calls:
        i = rng.choice(calls)
        m = CALL_STATEMENT.match(lines[i])
        name, template = rng.choice(WRAPS)
        lines[i] = m.group(1) + template.format(m.group(2))
        return "\n".join(lines), f"wrap-{name} {i + 1}"
    if kind == "delete-line" and len(lines) > 1:
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i] + lines[i + 1:]), f"{kind} {i + 1}"
    if kind == "truncate" and text:
        at = rng.randrange(len(text))
        return text[:at], f"{kind} at {at}"
    names = IDENTIFIER.findall(text)
    if names:
        name = rng.choice(names)
        return re.sub(rf"\b{re.escape(name)}\b", name + "Missing", text, count=1), f"rename {name}"
    return text, "none"


def compile_one(work: Path, relative: str, mutated: str, case: Path) -> tuple[bool, str]:
    """Compiles the mutated copy of one source alone; returns whether a check crashed, and the output."""
    out = case / "src" / relative
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(mutated, encoding="utf-8")
    options = (work / "javac-options.txt").read_text(encoding="utf-8").split("\n")
    for i, option in enumerate(options):
        if option == "-d" and i + 1 < len(options):
            options[i + 1] = str(case / "classes")
        if option == "-cp" and i + 1 < len(options):
            options[i + 1] = options[i + 1] + ":" + str(work / "classes")
    (case / "classes").mkdir(exist_ok=True)
    (case / "options.txt").write_text("\n".join(options), encoding="utf-8")
    command = shlex.split((work / "javac-command.txt").read_text(encoding="utf-8"))
    command = [a for a in command if not a.startswith("@")] + [f"@{case / 'options.txt'}", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    return CRASH_MARKER in output or INTERNAL_ERROR_MARKER in output, output


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("projects", nargs="*")
    args = parser.parse_args()
    works = compiled_projects(args.projects)
    if not works:
        print("no compiled project under integration-tests/target: run integration-tests/run.sh first")
        return 2
    rng = random.Random(args.seed)
    root = TARGET / "fuzz"
    shutil.rmtree(root / "cases", ignore_errors=True)
    crashes_dir = root / "crashes"
    deadline = time.time() + args.minutes * 60
    compiles, analysed_compiles, crashes, n = 0, 0, 0, 0
    print(f"seed {args.seed}, {len(works)} projects, {args.minutes} min")

    def one(case_number: int, work: Path, relative: str, mutated: str, what: str):
        case = root / "cases" / str(case_number)
        crashed, output = compile_one(work, relative, mutated, case)
        analysed = " error: " not in output and ": error:" not in output
        if crashed:
            kept = crashes_dir / f"{work.name}-{case_number}"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(case / "src", kept / "src")
            (kept / "what.txt").write_text(f"{work.name} {relative}: {what}\n", encoding="utf-8")
            (kept / "javac.log").write_text(output, encoding="utf-8")
        shutil.rmtree(case, ignore_errors=True)
        return crashed, analysed, f"{work.name} {relative}: {what}"

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        running = set()
        while time.time() < deadline or running:
            while time.time() < deadline and len(running) < args.jobs:
                work = rng.choice(works)
                sources = [s for s in (work / "sources.txt").read_text(encoding="utf-8").split("\n") if s.strip()]
                source = Path(shlex.split(rng.choice(sources))[0])
                relative = str(source.relative_to(work / "src"))
                mutated, what = mutate(source.read_text(encoding="utf-8", errors="replace"), rng)
                n += 1
                running.add(pool.submit(one, n, work, relative, mutated, what))
            done, running = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                crashed, analysed, what = future.result()
                compiles += 1
                analysed_compiles += analysed
                if crashed:
                    crashes += 1
                    print(f"CRASH {what}")
    print(f"{compiles} compiles ({analysed_compiles} without errors, so analysed), {crashes} crashes"
          f" (kept under {crashes_dir})")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
