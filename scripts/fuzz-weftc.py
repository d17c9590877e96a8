#!/usr/bin/python3
"""Mutation fuzzer for weftc: no input may crash, hang or confuse it.

Takes seed programs, derives mutants from them (token deletions,
duplications and swaps; identifiers replaced by other identifiers, keywords,
types and builtins; numbers replaced by 0, -1 or huge values; names and
literals replaced by expressions of another kind; combiners, operators,
dimensions and subscripts changed; deep nesting; lines shuffled; two files
spliced; truncation; random bytes and unicode inserted), adds programs of its
own (random, mostly well-typed kernels and a main calling them, so that
MLIRGen and the passes see much of what Sema accepts), compiles each with

    weftc MUTANT.weft --emit=llvm-mlir -o /dev/null

under a time limit, and flags every outcome that is not "compiled" (exit
status 0, no errors) or "rejected cleanly" (exit status 1 with at least one
`MUTANT.weft:line:col: error: ...` line and nothing worse):

  signal       killed by a signal (segfault, abort, ...)
  exit-status  an exit status other than 0 or 1
  timeout      still running after --timeout seconds (a hang)
  crash-text   output with "LLVM ERROR", "Assertion", "PLEASE submit a bug
               report", "Stack dump", "UNREACHABLE" or "internal" (the
               source lines that diagnostics echo are not searched)
  no-error     exit status 1 without any "error:" line
  bad-location an "error:" line that is not `MUTANT.weft:LINE:COL: error:`
               with LINE and COL inside the input
  error-but-0  an "error:" line and exit status 0

With --exec, a mutant that compiles is also built into executables at -O0
and -O2 and both are run (--exec-timeout): death by a signal or an exit
status other than 0 or 1 is an `exec-signal` / `exec-status` finding
(run-time errors exit cleanly with 1), and outputs that differ between the
two (beyond float rounding: 1e-4 relative, since -O2 may sum in another
order and approximates exp/log/tanh) are an `exec-differs` finding (a sign
of undefined behaviour, such as a read out of bounds; integer division by zero is undefined by the language,
so a mutant dividing by zero may show this too). Programs that call clock()
are not compared.

Each new kind of finding (same kind, same message once file names and numbers
are blurred) is minimised (lines, then tokens, while the finding stays the
same) and written to --out as NAME.weft, with NAME.txt holding the command,
the exit status and the output, and NAME.original.weft the mutant before
minimisation. A summary follows on stdout. The exit status is 1 when there
were findings, 0 otherwise (2 for bad usage).

The mutants depend only on --seed and the seed files (mutant i uses its own
random generator seeded from --seed and i), so a run is reproducible and
--jobs does not change which mutants are made; --count bounds the number of
mutants and --seconds the time (whichever comes first).

Usage (Debian's python3; the paths are the defaults, relative to the
repository):

  /usr/bin/python3 scripts/fuzz-weftc.py --count 3000 --seed 1 --out /tmp/fuzz
  /usr/bin/python3 scripts/fuzz-weftc.py --seconds 600 --seed 7 --exec \\
      --weftc build/bin/weftc --out /tmp/fuzz examples/*.weft
  /usr/bin/python3 scripts/fuzz-weftc.py --replay /tmp/fuzz/*.weft

Options:
  SEEDS...          seed .weft files (default: examples/*.weft and
                    test/**/*.weft of the repository)
  --weftc PATH      the compiler (default: build/bin/weftc, else weftc on
                    PATH; a bare name is looked up on PATH)
  --out DIR         where repros go (default: a new temporary folder)
  --seed N          random seed (default 1)
  --count N         number of mutants (default 1000)
  --seconds S       stop making mutants after S seconds (default: no limit)
  --jobs N          parallel compilations (default: the number of CPUs)
  --timeout S       per-compilation time limit (default 5)
  --emit LEVEL      the --emit level (default llvm-mlir)
  --exec            also build and run mutants that compile (-O0 and -O2)
  --exec-timeout S  per-run time limit with --exec (default 10; a program
                    still running then is not a finding)
  --no-minimize     write findings as found
  --replay          classify the SEEDS themselves (no mutation)
  --verbose         print each finding as it is found
"""

import argparse
import concurrent.futures
import glob
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#===-----------------------------------------------------------------------===#
# Tokens
#===-----------------------------------------------------------------------===#

TOKEN_RE = re.compile(r'''
   (?P<ws>\s+)
  |(?P<comment>//[^\n]*|/\*.*?\*/)
  |(?P<string>"(?:\\.|[^"\\\n])*")
  |(?P<float>[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+
            |[0-9]+\.(?!\.))
  |(?P<int>[0-9]+)
  |(?P<comb>(?:max|min|any|all)=(?!=))
  |(?P<id>[A-Za-z_][A-Za-z_0-9]*)
  |(?P<op>\.\.=|\.\.|->|\+=|\*=|==|!=|<=|>=|&&|\|\||[-+*/%<>=!(){}\[\],:;?.])
  |(?P<other>.)
''', re.S | re.X)

KEYWORDS = ['kernel', 'fn', 'let', 'for', 'in', 'while', 'if', 'else',
            'return', 'boundary', 'true', 'false']
TYPES = ['f32', 'f64', 'i32', 'i64', 'bool', 'i8', 'i16', 'u8', 'u16', 'u32',
         'u64', 'f16', 'bf16']
BUILTINS = ['exp', 'log', 'sqrt', 'abs', 'min', 'max', 'zeros', 'ones', 'full',
            'random', 'load', 'save', 'print', 'clock', 'tanh', 'pow',
            'select', 'arange', 'sum', 'mean', 'save_image', 'main', 'seed',
            'wrap', 'clamp', 'constant']
COMBINERS = ['=', '+=', '*=', 'max=', 'min=', 'any=', 'all=']
BINOPS = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&',
          '||']
NUMBERS = ['0', '1', '2', '-1', '3', '1000000', '2147483648',
           '9223372036854775807', '9223372036854775808',
           '99999999999999999999999', '0.0', '-0.0', '1.5', '1e308', '1e309',
           '1e-400', '0.', '4294967296', '65536', '256', '-9223372036854775807']
PUNCT = ['(', ')', '[', ']', '{', '}', ',', ':', ';', '?', '..', '..=', '->',
         '=', '"', '.', '/*', '//', '"{', '}"', '\\']
ODD_TEXT = ['\u00e9', '\u03bb', '\u2200', '\U0001F600', '\u00a0', '\u200b',
            '\ufeff', '\t', '\r', '\r\n', '\x00', '\x7f', '\x0c', '\\n', '{{',
            '}}', '{x}', '{', '}', '"', '\\"', '\\q', '@', '#', '$', '`',
            '~', '^', '&', '|', '\udcff', '\udcc3']


def tokenize(text):
    """[(kind, text)] covering `text` exactly, whitespace included."""
    return [(m.lastgroup, m.group()) for m in TOKEN_RE.finditer(text)]


def is_code(tok):
    return tok[0] not in ('ws', 'comment')


def untokenize(tokens):
    return ''.join(t for _, t in tokens)


#===-----------------------------------------------------------------------===#
# Mutations: each takes (rng, text, pool) and returns new text or None.
#===-----------------------------------------------------------------------===#

def code_positions(tokens, pred=lambda t: True):
    return [i for i, t in enumerate(tokens) if is_code(t) and pred(t)]


def m_delete(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks)
    if not pos:
        return None
    i = rng.choice(pos)
    n = rng.choice([1, 1, 1, 2, 3])
    j = pos.index(i)
    gone = set(pos[j:j + n])
    return untokenize([t for k, t in enumerate(toks) if k not in gone])


def m_duplicate(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks)
    if not pos:
        return None
    j = rng.randrange(len(pos))
    n = rng.choice([1, 1, 2, 3, 5])
    span = toks[pos[j]:pos[min(j + n, len(pos)) - 1] + 1]
    k = pos[min(j + n, len(pos)) - 1] + 1
    return untokenize(toks[:k] + [('ws', ' ')] + span + toks[k:])


def m_swap(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks)
    if len(pos) < 2:
        return None
    if rng.random() < 0.6:
        j = rng.randrange(len(pos) - 1)
        a, b = pos[j], pos[j + 1]
    else:
        a, b = rng.sample(pos, 2)
    toks[a], toks[b] = toks[b], toks[a]
    return untokenize(toks)


def m_ident(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[0] in ('id', 'comb'))
    if not pos:
        return None
    i = rng.choice(pos)
    local = [t for k, t in toks if k == 'id']
    choice = rng.random()
    if choice < 0.35:
        new = rng.choice(local)
    elif choice < 0.5:
        new = rng.choice(KEYWORDS)
    elif choice < 0.65:
        new = rng.choice(TYPES)
    elif choice < 0.8:
        new = rng.choice(BUILTINS)
    elif choice < 0.9:
        new = rng.choice(pool['ids'])
    else:
        new = rng.choice(['x' * rng.choice([1, 64, 300, 5000]), '_', '_0',
                          'i' + str(rng.randrange(100)), 'n', 'i', 'j'])
    toks[i] = ('id', new)
    return untokenize(toks)


def m_number(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[0] in ('int', 'float'))
    if not pos:
        return None
    i = rng.choice(pos)
    toks[i] = ('int', rng.choice(NUMBERS))
    return untokenize(toks)


def m_combiner(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[1] in COMBINERS)
    if not pos:
        return None
    i = rng.choice(pos)
    toks[i] = ('op', rng.choice(COMBINERS))
    return untokenize(toks)


def m_binop(rng, text, pool):
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[1] in BINOPS + ['!'])
    if not pos:
        return None
    i = rng.choice(pos)
    toks[i] = ('op', rng.choice(BINOPS + ['!']))
    return untokenize(toks)


def brackets(toks):
    """(open, close) token indices of each `[...]`."""
    out, stack = [], []
    for k, (kind, t) in enumerate(toks):
        if t == '[':
            stack.append(k)
        elif t == ']' and stack:
            out.append((stack.pop(), k))
    return out


def m_dims(rng, text, pool):
    """Adds, removes or changes one entry of a `[...]`: dims and subscripts."""
    toks = tokenize(text)
    groups = brackets(toks)
    if not groups:
        return None
    a, b = rng.choice(groups)
    inner = toks[a + 1:b]
    choice = rng.random()
    extra = rng.choice(['?', 'n', 'm', 'i', 'j', 'k', '0', '1', '4', 'i + 1',
                        '-1', 'n - 1', '2 * i', 'i * j', 'x[i]', 'i / 2',
                        '9223372036854775807', '1e3', 'true'])
    if choice < 0.4:
        new = inner + [('op', ','), ('ws', ' '), ('id', extra)]
    elif choice < 0.55:
        new = [('id', extra), ('op', ','), ('ws', ' ')] + inner
    elif choice < 0.8:
        # drop the last comma-separated entry
        commas = [k for k, t in enumerate(inner) if t[1] == ',']
        new = inner[:commas[-1]] if commas else []
    else:
        new = [('id', extra)]
    return untokenize(toks[:a + 1] + new + toks[b:])


def m_subscript(rng, text, pool):
    """Removes a whole `[...]`, or adds one after a name."""
    toks = tokenize(text)
    if rng.random() < 0.5:
        groups = brackets(toks)
        if not groups:
            return None
        a, b = rng.choice(groups)
        return untokenize(toks[:a] + toks[b + 1:])
    pos = code_positions(toks, lambda t: t[0] == 'id')
    if not pos:
        return None
    i = rng.choice(pos)
    sub = rng.choice(['[i]', '[i, j]', '[0]', '[]', '[k]', '[i, j, k]', '[?]',
                      '[n]', '[i + 1]'])
    return untokenize(toks[:i + 1] + [('op', sub)] + toks[i + 1:])


def m_lines(rng, text, pool):
    lines = text.split('\n')
    if len(lines) < 2:
        return None
    choice = rng.random()
    if choice < 0.3:
        a, b = rng.sample(range(len(lines)), 2)
        lines[a], lines[b] = lines[b], lines[a]
    elif choice < 0.55:
        a = rng.randrange(len(lines))
        line = lines.pop(a)
        lines.insert(rng.randrange(len(lines) + 1), line)
    elif choice < 0.75:
        a = rng.randrange(len(lines))
        b = min(len(lines), a + rng.randrange(2, 8))
        chunk = lines[a:b]
        rng.shuffle(chunk)
        lines[a:b] = chunk
    elif choice < 0.9:
        del lines[rng.randrange(len(lines))]
    else:
        a = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[a])
    return '\n'.join(lines)


def m_splice(rng, text, pool):
    other = rng.choice(pool['texts'])
    a, b = text.split('\n'), other.split('\n')
    choice = rng.random()
    if choice < 0.4:
        return '\n'.join(a[:rng.randrange(len(a) + 1)] +
                         b[rng.randrange(len(b) + 1):])
    if choice < 0.7:
        # a line of the other file somewhere in this one
        a.insert(rng.randrange(len(a) + 1), rng.choice(b))
        return '\n'.join(a)
    # the other file's declarations after this one's
    return text + '\n' + other


def m_bytes(rng, text, pool):
    pos = rng.randrange(len(text) + 1)
    choice = rng.random()
    if choice < 0.5:
        ins = rng.choice(ODD_TEXT)
    elif choice < 0.75:
        ins = chr(rng.randrange(1, 0x250))
        if 0xD800 <= ord(ins) <= 0xDFFF:
            ins = '?'
    else:
        # raw bytes, possibly not UTF-8 (kept through surrogateescape)
        ins = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4))) \
            .decode('utf-8', 'surrogateescape')
    if rng.random() < 0.3 and text:
        return text[:pos] + ins + text[pos + 1:]
    return text[:pos] + ins + text[pos:]


def m_insert_token(rng, text, pool):
    toks = tokenize(text)
    i = rng.randrange(len(toks) + 1)
    new = rng.choice(PUNCT + KEYWORDS + BINOPS + COMBINERS + TYPES +
                     BUILTINS + NUMBERS + pool['ids'][:50])
    return untokenize(toks[:i] + [('ws', ' '), ('op', new), ('ws', ' ')] +
                      toks[i:])


def m_nest(rng, text, pool):
    """Wraps an expression-ish token in many parens or prefix operators."""
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[0] in ('id', 'int', 'float'))
    if not pos:
        return None
    i = rng.choice(pos)
    depth = rng.choice([2, 10, 100, 255, 300, 600, 3000])
    kind = rng.random()
    if kind < 0.5:
        new = '(' * depth + toks[i][1] + ')' * depth
    elif kind < 0.75:
        new = '-' * depth + toks[i][1]
    else:
        new = ' + '.join([toks[i][1]] * min(depth, 2000))
    toks[i] = ('op', new)
    return untokenize(toks)


SNIPPETS = ['"abc"', '"{x}"', '"{1 + 2}"', 'true', 'false', 'clock()',
            'zeros(f32[2])', 'ones(u8[3])', 'f32[2]', 'f32', 'print("x")',
            'load("a.npy")', 'save(x, "x.npy")', 'x[i]', 'x[i, j]', 'x[0]',
            'exp(1.0)', 'sqrt(x)', 'i64(n)', 'n', '-x', '!true', '(x)',
            'random(f32[2], seed: 1)', 'random(f32[n])', 'min(x, 1)',
            'max(x)', 'abs(-1)', 'f32(i)', 'u8(300)', '0.0 / 0.0', '1 / 0',
            'i % 0', 'x == x', 'x < true', 'full(f64[2, 2], 1.5)', 'x[x]',
            'x[i + j]', 'x[-i]', 'x[i * i]', 'x[i / 2]', 'x[n]', 'x[?]',
            'k(x)', 'k()', 'k(x, x)', 'main()', 'main', 'sum(x)', 'tanh(x)',
            'select(true, 1, 2)', 'bool(1)', 'bf16(1.5)', 'f16(70000.0)',
            '200', '-129', '1e39', '9223372036854775807', 'u64(1)',
            'i8(1) + 1000', '"\\q"', '"{{}}"', '"{"', '"}"', '"{}"']


def m_snippet(rng, text, pool):
    """Replaces a name, number or string with an expression of another kind
    (a string, a call of a builtin, an array read, a cast, ...)."""
    toks = tokenize(text)
    pos = code_positions(toks, lambda t: t[0] in ('id', 'int', 'float',
                                                  'string'))
    if not pos:
        return None
    i = rng.choice(pos)
    toks[i] = ('op', rng.choice(SNIPPETS))
    return untokenize(toks)


def m_truncate(rng, text, pool):
    if not text:
        return None
    return text[:rng.randrange(len(text))]


#===-----------------------------------------------------------------------===#
# Generated programs: random kernels and a main that calls them, mostly
# well-typed, so that MLIRGen and the passes see what Sema accepts.
#===-----------------------------------------------------------------------===#

GEN_ELEMS = ['f32', 'f64', 'i32', 'i64', 'f32', 'f64', 'bool', 'i8', 'i16',
             'u8', 'u32', 'u64', 'f16', 'bf16']


class ProgramGen:
    def __init__(self, rng):
        self.rng = rng

    def literal(self, elem):
        rng = self.rng
        if elem == 'bool':
            return rng.choice(['true', 'false'])
        if elem.startswith('f') or elem == 'bf16':
            return rng.choice(['0.5', '1.0', '2.0', '0.0', '1e-3', '3.25'])
        return rng.choice(['0', '1', '2', '3', '7'])

    def scalar_expr(self, elem, leaves, depth):
        """An expression of element type `elem` from `leaves` (expressions
        of that type)."""
        rng = self.rng
        if depth <= 0 or rng.random() < 0.3:
            if leaves and rng.random() < 0.8:
                return rng.choice(leaves)
            return self.literal(elem)
        a = self.scalar_expr(elem, leaves, depth - 1)
        b = self.scalar_expr(elem, leaves, depth - 1)
        is_float = elem.startswith('f') or elem == 'bf16'
        if elem == 'bool':
            return rng.choice(['(%s && %s)', '(%s || %s)', '!(%s == %s)',
                               '(%s != %s)']) % (a, b)
        choice = rng.random()
        if choice < 0.5:
            ops = ['+', '-', '*'] + (['/'] if is_float else [])
            return '(%s %s %s)' % (a, rng.choice(ops), b)
        if choice < 0.65:
            return '%s(%s, %s)' % (rng.choice(['min', 'max']), a, b)
        if choice < 0.8 and is_float:
            return '%s(%s)' % (rng.choice(['exp', 'sqrt', 'abs', 'log']), a)
        if choice < 0.9:
            other = rng.choice(['f32', 'f64', 'i32', 'i64'])
            return '%s(%s(%s))' % (elem, other, a)
        if elem.startswith('u'):
            return '(%s + %s)' % (a, b)
        return '-%s' % a

    def kernel(self, name, callees):
        """(text, params, output): params [(name, elem, dims)], dims a list of
        symbols or ints, None for a scalar."""
        rng = self.rng
        elem = rng.choice(GEN_ELEMS)
        syms = ['n', 'm', 'p']
        params = []
        for k in range(rng.choice([0, 1, 1, 2, 2, 3])):
            if rng.random() < 0.2:
                params.append(('s%d' % k, elem, None))
                continue
            rank = rng.choice([1, 1, 2, 2, 3])
            dims = [rng.choice(syms) if rng.random() < 0.8 else
                    rng.choice([1, 2, 3]) for _ in range(rank)]
            params.append(('a%d' % k, elem, dims))
        arrays = [p for p in params if p[2] is not None]
        scalars = [p[0] for p in params if p[2] is None]
        bound = [d for p in arrays for d in p[2] if isinstance(d, str)]
        out_rank = rng.choice([0, 1, 1, 2])
        out_dims = [rng.choice(bound) if bound and rng.random() < 0.85 else
                    rng.choice([1, 2, 3]) for _ in range(out_rank)]
        lines = []
        temps = []  # (name, rank)
        idx_names = ['i', 'j', 'k']
        n_eqs = rng.choice([1, 1, 2, 3])
        for e in range(n_eqs):
            last = e == n_eqs - 1
            target = 'y' if last else 't%d' % e
            rank = out_rank if last else rng.choice([0, 1, 2])
            lhs = idx_names[:rank]
            # Reads: arrays subscripted by lhs indices and maybe one more.
            extra = 'r'
            leaves = list(scalars)
            sources = arrays + [(t, elem, [None] * r) for t, r in temps]
            reduced = False
            # One read gives every left-hand index its range.
            cover = [c for c in sources if c[2] and len(c[2]) >= len(lhs)]
            if lhs and cover and rng.random() < 0.9:
                src, _, dims = rng.choice(cover)
                subs = list(lhs) + [rng.choice(lhs + [extra])
                                    for _ in range(len(dims) - len(lhs))]
                if rng.random() < 0.3:
                    rng.shuffle(subs)
                reduced |= extra in subs
                leaves.append('%s[%s]' % (src, ', '.join(subs)))
            elif lhs and not last:
                lhs, rank = [], 0
            for _ in range(rng.choice([0, 1, 2])):
                if not sources:
                    break
                src, _, dims = rng.choice(sources)
                if not dims:
                    leaves.append(src)
                    continue
                subs = []
                for d in range(len(dims)):
                    pool = lhs + [extra]
                    if rng.random() < 0.1:
                        sub = rng.choice(['0', pool[0] + ' + 1',
                                          '2 * ' + pool[0], 'i - 1'])
                    else:
                        sub = rng.choice(pool)
                    reduced |= sub == extra
                    subs.append(sub)
                leaves.append('%s[%s]' % (src, ', '.join(subs)))
            if callees and rng.random() < 0.25 and not lhs:
                cname, cparams, _ = rng.choice(callees)
                args = [rng.choice([a[0] for a in arrays] or ['x'])
                        if p[2] is not None else self.literal(p[1])
                        for p in cparams]
                lines.append('  %s = %s(%s)' % (target, cname,
                                                 ', '.join(args)))
            else:
                comb = rng.choice(['+=', 'max=', 'min=', '*=']) \
                    if reduced or rng.random() < 0.1 else \
                    rng.choice(['=', '=', '=', '+='])
                rhs = self.scalar_expr(elem, leaves, rng.choice([0, 1, 2]))
                sub = '[%s]' % ', '.join(lhs) if lhs else ''
                lines.append('  %s%s %s %s' % (target, sub, comb, rhs))
            temps.append((target, rank))
        out_type = elem + ('[%s]' % ', '.join(map(str, out_dims))
                           if out_dims else '')
        text = 'kernel %s(%s) -> y: %s {\n%s\n}\n' % (
            name, ', '.join('%s: %s%s' % (p[0], p[1], '[%s]' % ', '.join(
                map(str, p[2])) if p[2] is not None else '')
                for p in params), out_type, '\n'.join(lines))
        return text, params, (elem, out_dims)

    def host_array(self, elem, dims, sizes):
        rng = self.rng
        shape = ', '.join(str(d) if isinstance(d, int) else
                          str(sizes.setdefault(d, rng.choice([1, 2, 3, 5])))
                          for d in dims)
        if rng.random() < 0.15:
            shape = ', '.join(rng.choice(['0', 'n0', '4', '1'])
                              for _ in dims)
        kind = rng.random()
        if kind < 0.3:
            return 'ones(%s[%s])' % (elem, shape)
        if kind < 0.6 and elem != 'bool':
            return 'random(%s[%s], seed: %d)' % (elem, shape,
                                                  rng.randrange(100))
        return 'full(%s[%s], %s)' % (elem, shape, self.literal(elem))

    def program(self):
        rng = self.rng
        kernels = []
        texts = []
        for k in range(rng.choice([1, 1, 2, 3])):
            text, params, out = self.kernel('k%d' % k, kernels)
            kernels.append(('k%d' % k, params, out))
            texts.append(text)
        body = ['  let n0 = %d' % rng.choice([1, 2, 3, 4])]
        for name, params, out in kernels:
            sizes = {}
            args = [self.host_array(p[1], p[2], sizes) if p[2] is not None
                    else self.literal(p[1]) for p in params]
            call = '%s(%s)' % (name, ', '.join(args))
            choice = rng.random()
            if choice < 0.5:
                body.append('  print("%s = {%s}")' % (name, call))
            elif choice < 0.8:
                body.append('  let v%s = %s' % (name, call))
                body.append('  for it in 0..%d {' % rng.choice([0, 1, 2]))
                body.append('    v%s = %s' % (name, call))
                body.append('  }')
                body.append('  print("{v%s}")' % name)
            else:
                body.append('  %s' % call)
        return ''.join(texts) + 'fn main() {\n' + '\n'.join(body) + '\n}\n'


def m_generate(rng, text, pool):
    """A fresh program (the seed is ignored), or a generated kernel added to
    the seed."""
    program = ProgramGen(rng).program()
    if rng.random() < 0.2:
        kernel = program[:program.index('fn main')]
        return kernel + text
    return program


MUTATIONS = [
    (m_delete, 10), (m_duplicate, 6), (m_swap, 6), (m_ident, 14),
    (m_number, 6), (m_combiner, 5), (m_binop, 4), (m_dims, 10),
    (m_subscript, 7), (m_lines, 6), (m_splice, 6), (m_bytes, 5),
    (m_insert_token, 5), (m_nest, 2), (m_truncate, 2), (m_generate, 15),
    (m_snippet, 12),
]


def mutate(rng, text, pool):
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        fn = rng.choices([m for m, _ in MUTATIONS],
                         weights=[w for _, w in MUTATIONS])[0]
        new = fn(rng, text, pool)
        if new is not None and new != text:
            text = new
            names.append(fn.__name__[2:])
    return text, names


#===-----------------------------------------------------------------------===#
# Running and classifying
#===-----------------------------------------------------------------------===#

CRASH_TEXT = ['LLVM ERROR', 'Assertion', 'PLEASE submit a bug report',
              'Stack dump', 'UNREACHABLE', 'internal']


def write_text(path, text):
    with open(path, 'wb') as f:
        f.write(text.encode('utf-8', 'surrogateescape'))


def read_text(path):
    with open(path, 'rb') as f:
        return f.read().decode('utf-8', 'surrogateescape')


class Result:
    def __init__(self, kind, detail, rc, output):
        self.kind = kind      # None when the outcome is fine
        self.detail = detail  # the line that shows the problem
        self.rc = rc
        self.output = output

    def signature(self):
        """What stays the same while a finding is minimised."""
        d = re.sub(r'\S*\.weft', 'F', self.detail or '')
        d = re.sub(r'0x[0-9a-fA-F]+|[0-9]+', 'N', d)
        d = re.sub(r"'[^']*'", "'_'", d)
        return (self.kind, d[:200])


def run_weftc(weftc, path, timeout, emit):
    cmd = [weftc, path, '--emit=' + emit, '-o', os.devnull]
    return run_command(cmd, timeout)


def run_command(cmd, timeout, cwd=None):
    """(exit status or None on timeout, output). The command runs in a
    process group of its own, all killed on timeout (weftc runs the linker).
    Retries for a while when the program cannot be started, which happens
    while it is being rebuilt."""
    for attempt in range(60):
        try:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, cwd=cwd,
                                 start_new_session=True)
        except OSError:
            if attempt == 59:
                raise
            time.sleep(1)
            continue
        try:
            out, _ = p.communicate(timeout=timeout)
            return p.returncode, out.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            out, _ = p.communicate()
            return None, out.decode('utf-8', 'replace')


ERROR_LINE = re.compile(r'^(.*?):(\d+):(\d+): error: ')


def classify(path, text, rc, out):
    """The finding for this outcome, or a Result with kind None."""
    if rc is None:
        return Result('timeout', 'no answer in time', rc, out)
    if rc < 0:
        return Result('signal', 'signal %d %s' % (-rc, first_crash_line(out)),
                      rc, out)
    if rc not in (0, 1):
        return Result('exit-status', 'exit status %d %s' %
                      (rc, first_crash_line(out)), rc, out)
    errors, out_lines = split_output(out, path)
    for pattern in CRASH_TEXT:
        for line in out_lines:
            if pattern in line:
                return Result('crash-text', line.replace(path, 'F').strip(),
                              rc, out)
    lines = text.split('\n')
    if rc == 1 and not errors:
        return Result('no-error', (out.strip().splitlines() or [''])[0], rc,
                      out)
    for l in errors:
        m = ERROR_LINE.match(l)
        ok = m is not None and m.group(1) == path
        if ok:
            line, col = int(m.group(2)), int(m.group(3))
            ok = 1 <= line <= len(lines) and col >= 1
            if ok:
                width = len(lines[line - 1].encode('utf-8', 'surrogateescape'))
                ok = col <= width + 2
        if not ok:
            return Result('bad-location', l.replace(path, 'F'), rc, out)
    if rc == 0 and errors:
        return Result('error-but-0', errors[0].replace(path, 'F'), rc, out)
    return Result(None, None, rc, out)


CARET_LINE = re.compile(r'^[ \t]*[\^~ \t]*$')


def split_output(out, path):
    """(errors, lines): the error lines of `out`, and every line that is not
    an echo of the source. A diagnostic located in `path` is followed by its
    source line and a caret line; those are left out, since the source may
    contain "error:" or "internal" itself (in a comment, say)."""
    errors, lines = [], []
    out_lines = out.splitlines()
    header = re.compile(r'^' + re.escape(path) +
                        r':\d+:\d+: (error|warning|note|remark): ')
    k = 0
    while k < len(out_lines):
        line = out_lines[k]
        lines.append(line)
        m = header.match(line)
        if m:
            if m.group(1) == 'error':
                errors.append(line)
            k += 1
            if k < len(out_lines) and not header.match(out_lines[k]):
                k += 1  # the source line
                if k < len(out_lines) and CARET_LINE.match(out_lines[k]):
                    k += 1
            continue
        if 'error:' in line:
            errors.append(line)
        k += 1
    return errors, lines


def first_crash_line(out):
    for line in out.splitlines():
        if any(p in line for p in CRASH_TEXT) or 'error' in line.lower():
            return line.strip()[:160]
    return ''


class Runner:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.counter = 0
        self.lock = threading.Lock()

    def fresh_path(self, stem='m'):
        with self.lock:
            self.counter += 1
            n = self.counter
        return os.path.join(self.workdir, '%s%d.weft' % (stem, n))

    def check(self, text, stem='m'):
        path = self.fresh_path(stem)
        write_text(path, text)
        try:
            rc, out = run_weftc(self.args.weftc, path, self.args.timeout,
                                self.args.emit)
            result = classify(path, text, rc, out)
            if result.kind is None and rc == 0 and self.args.exec_:
                result = self.execute(path, text)
            result.output = result.output.replace(path, 'MUTANT.weft')
            return result
        finally:
            os.unlink(path)

    def execute(self, path, text):
        """Builds `path` at -O0 and -O2 and runs both: a crash, an odd exit
        status or outputs that differ (undefined behaviour, such as a read
        out of bounds, tends to show that way) are findings."""
        runs = []
        for level in ('-O0', '-O2'):
            exe = path[:-5] + level + '.exe'
            try:
                rc, out = run_command([self.args.weftc, path, level, '-o',
                                       exe], self.args.timeout * 4)
                if rc is None:
                    return Result('timeout', 'building the executable', rc,
                                  out)
                if rc == 1 and "no 'fn main' to run" in out:
                    return Result(None, None, 0, out)  # nothing to run
                if rc != 0:
                    r = classify(path, text, rc, out)
                    if r.kind is None:
                        r = Result('exe-build',
                                   (out.strip().splitlines() or [''])[0], rc,
                                   out)
                    return r
                rc, out = run_command([exe], self.args.exec_timeout,
                                      cwd=self.workdir)
                out = out[-4000:]
                if rc is None:
                    return Result(None, None, 0, out)  # slow is not wrong
                if rc < 0:
                    return Result('exec-signal', 'signal %d' % -rc, rc, out)
                if rc not in (0, 1):
                    return Result('exec-status', 'exit status %d' % rc, rc,
                                  out)
                runs.append((rc, out.replace(exe, 'EXE')))
            finally:
                if os.path.exists(exe):
                    os.unlink(exe)
        # clock() differs from run to run.
        if not same_output(runs[0], runs[1]) and 'clock' not in text:
            return Result('exec-differs', '-O0 and -O2 give different output',
                          runs[1][0], '-O0 (exit %d):\n%s\n-O2 (exit %d):\n%s'
                          % (runs[0][0], runs[0][1], runs[1][0], runs[1][1]))
        return Result(None, None, 0, runs[1][1])


def same_output(run0, run1):
    """Whether two (exit status, output) runs agree: the same status and
    text, except that numbers may differ by float rounding, since -O2 sums
    in another order and uses polynomial exp/log/tanh (docs/language.md,
    "Floating-point accuracy")."""
    if run0[0] != run1[0]:
        return False
    separators = r'([\s\[\],]+)'
    tokens0 = re.split(separators, run0[1])
    tokens1 = re.split(separators, run1[1])
    if len(tokens0) != len(tokens1):
        return False
    for a, b in zip(tokens0, tokens1):
        # NumPy pads columns to the widest number: "[ 1.5 ]" vs "[1.25]".
        if a == b or (re.fullmatch(separators, a) and
                      re.fullmatch(separators, b) and
                      "".join(a.split()) == "".join(b.split())):
            continue
        try:
            x, y = float(a), float(b)
        except ValueError:
            return False
        if not abs(x - y) <= 1e-4 * max(1.0, abs(x), abs(y)):
            return False
    return True


#===-----------------------------------------------------------------------===#
# Minimisation
#===-----------------------------------------------------------------------===#

def ddmin(items, still_fails, budget):
    """Delta debugging: a smaller list of items for which still_fails holds."""
    n = 2
    while len(items) >= 2 and budget[0] > 0:
        chunk = max(1, len(items) // n)
        reduced = False
        for start in range(0, len(items), chunk):
            if budget[0] <= 0:
                break
            candidate = items[:start] + items[start + chunk:]
            budget[0] -= 1
            if candidate and still_fails(candidate):
                items = candidate
                n = max(n - 1, 2)
                reduced = True
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(n * 2, len(items))
    return items


def minimize(runner, text, signature, max_runs=300):
    budget = [max_runs]

    def same(candidate_text):
        return runner.check(candidate_text, 'min').signature() == signature

    lines = text.split('\n')
    lines = ddmin(lines, lambda ls: same('\n'.join(ls)), budget)
    text = '\n'.join(lines)
    toks = tokenize(text)
    # Comments are noise in a repro.
    no_comments = untokenize([t if t[0] != 'comment' else ('ws', ' ')
                              for t in toks])
    if no_comments != text and same(no_comments):
        text = no_comments
        toks = tokenize(text)
    code = [k for k, t in enumerate(toks) if is_code(t)]

    def rebuild(keep):
        keep = set(keep)
        return untokenize([t for k, t in enumerate(toks)
                           if not is_code(t) or k in keep])

    code = ddmin(code, lambda ks: same(rebuild(ks)), budget)
    return rebuild(code)


#===-----------------------------------------------------------------------===#
# Driver
#===-----------------------------------------------------------------------===#

def default_seeds():
    seeds = sorted(glob.glob(os.path.join(REPO, 'examples', '*.weft')))
    seeds += sorted(glob.glob(os.path.join(REPO, 'test', '**', '*.weft'),
                              recursive=True))
    return seeds


def default_weftc():
    built = os.path.join(REPO, 'build', 'bin', 'weftc')
    if os.access(built, os.X_OK):
        return built
    return shutil.which('weftc') or built


def write_finding(out_dir, result, text, original, names, index):
    digest = hashlib.sha1(repr(result.signature()).encode()).hexdigest()[:8]
    base = os.path.join(out_dir, '%s-%s' % (result.kind, digest))
    write_text(base + '.weft', text)
    with open(base + '.txt', 'w') as f:
        f.write('finding: %s\n' % result.kind)
        f.write('detail: %s\n' % result.detail)
        f.write('mutant: %d (%s)\n' % (index, ', '.join(names)))
        f.write('exit status: %s\n' % result.rc)
        f.write('command: weftc MUTANT.weft --emit=%s -o /dev/null\n'
                % ARGS.emit)
        f.write('output:\n%s\n' % result.output[-8000:])
    write_text(base + '.original.weft', original)
    return base + '.weft'


def main(argv):
    global ARGS
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        epilog='See the docstring of this script for details.')
    ap.add_argument('seeds', nargs='*')
    ap.add_argument('--weftc', default=None)
    ap.add_argument('--out', default=None)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=1000)
    ap.add_argument('--seconds', type=float, default=None)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=float, default=5.0)
    ap.add_argument('--emit', default='llvm-mlir')
    ap.add_argument('--exec', dest='exec_', action='store_true')
    ap.add_argument('--exec-timeout', type=float, default=10.0)
    ap.add_argument('--no-minimize', action='store_true')
    ap.add_argument('--replay', action='store_true',
                    help='classify the SEEDS themselves, without mutating')
    ap.add_argument('--verbose', action='store_true')
    args = ap.parse_args(argv)
    ARGS = args
    if not args.weftc:
        args.weftc = default_weftc()
    elif os.sep not in args.weftc:
        args.weftc = shutil.which(args.weftc) or args.weftc
    args.weftc = os.path.abspath(args.weftc)
    if not os.access(args.weftc, os.X_OK):
        print('fuzz-weftc: no weftc at %s (use --weftc)' % args.weftc,
              file=sys.stderr)
        return 2
    seeds = args.seeds or default_seeds()
    texts = []
    for s in seeds:
        try:
            texts.append((os.path.relpath(s, REPO), read_text(s)))
        except OSError as e:
            print('fuzz-weftc: cannot read %s: %s' % (s, e), file=sys.stderr)
            return 2
    if not texts:
        print('fuzz-weftc: no seed files', file=sys.stderr)
        return 2
    out_dir = args.out or tempfile.mkdtemp(prefix='weft-fuzz-')
    os.makedirs(out_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix='weft-fuzz-work-')
    runner = Runner(args, workdir)

    ids = sorted({t for _, text in texts for k, t in tokenize(text)
                  if k == 'id'})
    pool = {'texts': [t for _, t in texts], 'ids': ids}

    def make(i):
        if args.replay:
            return texts[i][1], ['replay'], texts[i][0]
        rng = random.Random('%d:%d' % (args.seed, i))
        name, text = rng.choice(texts)
        mutant, names = mutate(rng, text, pool)
        return mutant, names, name

    total = len(texts) if args.replay else args.count
    start = time.monotonic()
    stats = {'compiled': 0, 'rejected': 0}
    findings = {}  # signature -> (path, count)
    ran = 0

    def job(i):
        text, names, seed_name = make(i)
        return i, text, names, seed_name, runner.check(text)

    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool_ex:
            pending = set()
            next_i = 0
            while next_i < total or pending:
                out_of_time = (args.seconds is not None and
                               time.monotonic() - start > args.seconds)
                while (next_i < total and not out_of_time and
                       len(pending) < args.jobs * 2):
                    pending.add(pool_ex.submit(job, next_i))
                    next_i += 1
                if not pending:
                    break
                done, pending = concurrent.futures.wait(
                    pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for fut in done:
                    i, text, names, seed_name, result = fut.result()
                    ran += 1
                    if result.kind is None:
                        stats['compiled' if result.rc == 0 else
                              'rejected'] += 1
                        continue
                    sig = result.signature()
                    if sig in findings:
                        findings[sig][1] += 1
                        continue
                    findings[sig] = [None, 1, result.detail]
                    small = text
                    if not args.no_minimize and not args.replay:
                        small = minimize(runner, text, sig)
                    findings[sig][0] = write_finding(
                        out_dir, result, small, text,
                        names + ['from ' + seed_name], i)
                    if args.verbose:
                        print('finding: %s: %s (mutant %d of %s) -> %s' %
                              (result.kind, result.detail, i, seed_name,
                               findings[sig][0]), flush=True)
                if out_of_time and next_i < total:
                    total = next_i
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    elapsed = time.monotonic() - start
    print('fuzz-weftc: %d %s in %.1f s (seed %d, %d seed files): '
          '%d compiled, %d rejected cleanly, %d findings (%d distinct)'
          % (ran, 'files' if args.replay else 'mutants', elapsed, args.seed,
             len(texts), stats['compiled'], stats['rejected'],
             sum(f[1] for f in findings.values()), len(findings)))
    for (kind, _), (path, count, detail) in sorted(findings.items()):
        print('  %-12s x%-4d %s\n               %s' % (kind, count,
                                                      detail[:200], path))
    if findings:
        print('repros in %s' % out_dir)
    elif not args.out:
        shutil.rmtree(out_dir, ignore_errors=True)
    return 1 if findings else 0


ARGS = None

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
