#!/usr/bin/env python3
"""Checks that every snippet of docs/tutorial.md still compiles and prints
what the tutorial says.

Usage: check_tutorial.py TUTORIAL.md WORKDIR   (weftc must be on PATH)

Conventions of the tutorial (see its last section):
- A ```weft block right after `<!-- file: NAME.weft -->` is written to
  WORKDIR/NAME.weft. A ```weft block without that comment is a fragment,
  written to a scratch file. Every ```weft block is compiled with
  `weftc FILE --emit=llvm`, which must succeed, except after
  `<!-- file: NAME.weft fails -->`, where it must fail (the tutorial shows
  its error with a console block).
- A ```console block is run: each line starting with `$ ` is a command,
  run with bash in WORKDIR (stdout and stderr together); the lines after it,
  up to the next `$ ` line, are its expected output, compared exactly
  (trailing spaces and blank lines at the end ignored). Exit statuses are
  not checked: what a failing command prints is.
- ```sh blocks and other blocks are not run.
The check fails if the tutorial has no ```weft block or no command.
"""
import os
import re
import subprocess
import sys


def blocks(text):
    """Yields (lang, body, line, comment) for every fenced block; comment is
    the HTML comment on the non-blank line before the fence, if any."""
    lines = text.split("\n")
    i = 0
    prev = ""
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            if lines[i].strip():
                prev = lines[i].strip()
            i += 1
            continue
        lang, start = m.group(1), i + 1
        j = start
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        if j == len(lines):
            sys.exit("tutorial line %d: unterminated code block" % (i + 1))
        comment = prev if prev.startswith("<!--") else ""
        yield lang, "\n".join(lines[start:j]) + "\n", i + 1, comment
        prev = ""
        i = j + 1


def norm(s):
    return "\n".join(l.rstrip() for l in s.rstrip().split("\n")).strip("\n")


def main():
    tutorial, workdir = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    scratch = os.path.join(workdir, "fragments")
    os.makedirs(scratch, exist_ok=True)
    with open(tutorial, encoding="utf-8") as f:
        text = f.read()
    failures, snippets, commands = [], 0, 0
    for lang, body, line, comment in blocks(text):
        where = "%s:%d" % (os.path.basename(tutorial), line)
        if lang == "weft":
            snippets += 1
            m = re.match(r"<!--\s*file:\s*([\w.-]+\.weft)(\s+fails)?\s*-->", comment)
            fails = bool(m and m.group(2))
            path = (os.path.join(workdir, m.group(1)) if m else
                    os.path.join(scratch, "fragment%d.weft" % line))
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
            r = subprocess.run(["weftc", path, "--emit=llvm", "-o", os.devnull],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
            if fails and r.returncode == 0:
                failures.append("%s: weft snippet marked 'fails' compiles" % where)
            elif not fails and r.returncode != 0:
                failures.append("%s: weft snippet does not compile:\n%s" % (where, r.stdout))
        elif lang == "console":
            steps = []
            for l in body.rstrip("\n").split("\n"):
                if l.startswith("$ "):
                    steps.append([l[2:], []])
                elif steps:
                    steps[-1][1].append(l)
                else:
                    failures.append("%s: console block does not start with '$ '" % where)
                    break
            for cmd, expected in steps:
                commands += 1
                r = subprocess.run(["bash", "-c", cmd], cwd=workdir,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
                if norm(r.stdout) != norm("\n".join(expected)):
                    failures.append("%s: '$ %s' printed:\n%s\n--- but the tutorial says:\n%s"
                                    % (where, cmd, r.stdout.rstrip(), "\n".join(expected)))
    if snippets == 0 or commands == 0:
        failures.append("%s: no ```weft snippets or no console commands" % tutorial)
    for f in failures:
        print("FAIL " + f + "\n")
    print("%d weft snippets, %d commands, %d failures" % (snippets, commands, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
