"""Builds the GPU benchmark's Weft programs (run here, where weftc is).

Compiles bench/weft/{sgemm,saxpy,dot,softmax,layernorm,attention,jacobi2d,
heat3d,life}.weft and bench/gpu/relax.weft with --target=cuda into OUT, with their `bench: param`
lines set for the sizes in run.py. run.py, on the GPU machine, makes the
inputs and runs them against PyTorch (cuBLAS), Triton and a copy.
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WEFT = os.path.join(HERE, "..", "weft")

# program -> (source, bench params)
PROGRAMS = {
    "sgemm": (os.path.join(WEFT, "sgemm.weft"), {"reps": "10"}),
    "saxpy": (os.path.join(WEFT, "saxpy.weft"), {"reps": "20"}),
    "dot": (os.path.join(WEFT, "dot.weft"), {"reps": "20"}),
    "softmax": (os.path.join(WEFT, "softmax.weft"), {"reps": "20"}),
    "layernorm": (os.path.join(WEFT, "layernorm.weft"),
                  {"reps": "20", "cols": "8192"}),
    "attention": (os.path.join(WEFT, "attention.weft"),
                  {"reps": "10", "scale": "0.125"}),
    "jacobi2d": (os.path.join(WEFT, "jacobi2d.weft"),
                 {"reps": "5", "steps": "100"}),
    "heat3d": (os.path.join(WEFT, "heat3d.weft"), {"reps": "5", "steps": "50"}),
    "life": (os.path.join(WEFT, "life.weft"), {"reps": "5", "steps": "100"}),
    "relax": (os.path.join(HERE, "relax.weft"), {}),
}


def with_params(source, params):
    """Sets `let NAME = VALUE   // bench: param` lines."""
    def replace(match):
        name = match.group(2)
        if name not in params:
            return match.group(0)
        return f"{match.group(1)}{params[name]}{match.group(4)}"
    return re.sub(r"^(\s*let (\w+)(?:: \w+)? = )([^/\n]+?)(\s*// bench: param)",
                  replace, source, flags=re.M)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weftc", default="weftc")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, (path, params) in PROGRAMS.items():
        with open(path) as f:
            source = with_params(f.read(), params)
        weft = os.path.join(args.out, name + ".weft")
        with open(weft, "w") as f:
            f.write(source)
        subprocess.run([args.weftc, weft, "--target=cuda", "-O3", "-o",
                        os.path.join(args.out, name)], check=True)
    print("built", ", ".join(PROGRAMS))
