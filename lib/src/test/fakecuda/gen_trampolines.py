#!/usr/bin/env python3
"""Generates the fake libcuda's kernel trampolines from the committed PTX.

For each PTX file NAME.ptx it writes tramp_NAME.cpp, which compiles the kernel source
NAME.cu on the CPU (through fake_kernel.h and the host-emulation shim) and, for every
.entry of the PTX:
  - static_asserts that the C++ kernel of that name exists and takes parameters of the PTX's
    sizes and classes (u32/s32 -> 4-byte integer, u64 -> 8-byte integer or pointer, f32 ->
    float, f64 -> double, .align A .b8 x[N] -> a trivially copyable struct of N bytes), so a
    PTX entry without a matching emulated kernel stops the build;
  - a trampoline that reads the parameters from cuLaunchKernel's kernelParams and calls it;
  - its registration, with the canonical PTX signature (compared again when the PTX is loaded)
    and whether a block needs its threads to run together (the body has a barrier).

usage: gen_trampolines.py OUT_DIR SOURCE_DIR PTX...
"""
import os
import re
import sys

INT_BYTES = {"8": 1, "16": 2, "32": 4, "64": 8}
# Warp-level instructions the emulation cannot run (the shim runs no warps).
WARP_OPS = re.compile(r"(?<![\w.])(shfl|vote|match|redux|activemask|bar\.warp|elect)\.")
BARRIER = re.compile(r"(?<![\w.])(bar|barrier)\.")


def fail(msg):
    sys.exit(f"gen_trampolines.py: {msg}")


def canonical_param(decl):
    """'.param .align 4 .b8 f_param_1[36]' -> 'b8[36]@4', as fake_module.cpp writes it."""
    tokens = decl.split()
    typ, align, count = "", "", ""
    i = 0
    while i < len(tokens):
        t = tokens[i]
        i += 1
        if t in (".param", ".ptr", ".global", ".const", ".shared", ".local"):
            continue
        if t == ".align":
            a = tokens[i] if i < len(tokens) else ""
            i += 1
            if not typ:
                align = a
            continue
        if t.startswith("."):
            typ = t[1:]
            continue
        if "[" in t:
            count = t[t.index("["):]
    if not typ:
        return None
    return typ + count + ("@" + align if align else "")


def check_class(canon):
    """The fake_kernel.h class that accepts C++ parameters passed as this PTX type."""
    m = re.fullmatch(r"([a-z]+)(\d+)(?:\[(\d+)\])?(?:@(\d+))?", canon)
    if not m:
        return None
    kind, bits, count, align = m.group(1), m.group(2), m.group(3), m.group(4)
    if count is not None:
        return f"fake::PtxBytes<{int(count) * int(bits) // 8}, {align or int(bits) // 8}>"
    if kind in ("u", "s", "b") and bits in INT_BYTES:
        return f"fake::PtxInt<{INT_BYTES[bits]}>"
    if kind == "f" and bits == "32":
        return "fake::PtxF32"
    if kind == "f" and bits == "64":
        return "fake::PtxF64"
    return None


def block_end(text, start):
    """Index just past the brace that closes the block opening at text[start] == '{'."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    fail("unbalanced braces in PTX")


def parse(path):
    text = re.sub(r"//[^\n]*", "", open(path).read())
    funcs, entries = {}, []
    for m in re.finditer(r"(?<![\w.])\.(entry|func)\s+(?:\([^)]*\)\s*)?([\w$]+)\s*(\(([^)]*)\))?", text):
        kind, name, params = m.group(1), m.group(2), m.group(4) or ""
        brace = text.find("{", m.end())
        semi = text.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):  # a declaration (prototype), not a definition
            continue
        body = text[brace:block_end(text, brace)]
        if kind == "func":
            funcs[name] = body
            continue
        canon = []
        for decl in filter(str.strip, params.split(",")):
            c = canonical_param(decl)
            if c is None or check_class(c) is None:
                fail(f"{path}: entry {name}: cannot map parameter '{decl.strip()}' to a C++ type")
            canon.append(c)
        entries.append((name, canon, body))
    if re.search(r"\.extern\s+\.shared", text):
        fail(f"{path}: dynamic shared memory (extern __shared__) is not emulated")

    def reachable(body):
        """The entry's body and every .func it calls, directly or not: a barrier or warp
        instruction inside a called function counts as the entry's own."""
        bodies, todo, seen = [], [body], set()
        while todo:
            b = todo.pop()
            bodies.append(b)
            for callee in re.findall(r"call(?:\.uni)?\s*(?:\([^)]*\)\s*,\s*)?([\w$]+)", b):
                if callee in funcs and callee not in seen:
                    seen.add(callee)
                    todo.append(funcs[callee])
        return bodies

    result = []
    for name, canon, body in entries:
        bodies = reachable(body)
        for b in bodies:
            warp = WARP_OPS.search(b)
            if warp:
                fail(f"{path}: entry {name} uses the warp-level instruction {warp.group(0)}..., "
                     "which the CPU emulation cannot run")
        result.append((name, canon, any(BARRIER.search(b) for b in bodies)))
    if not result:
        fail(f"{path}: no .entry kernels")
    return result


def generate(out_dir, ptx, entries):
    base = os.path.splitext(os.path.basename(ptx))[0]
    src = f"{base}.cu"
    lines = [
        f"// Generated by gen_trampolines.py from {os.path.basename(ptx)}: do not edit.",
        "// A compile error naming a kernel here means the PTX has an .entry that the kernel",
        f"// source {src} does not define with the same parameters: recompile the PTX.",
        '#include "fake_kernel.h"',
        f'#include "{src}"',
        "",
        "namespace {",
    ]
    for name, canon, sync in entries:
        t = f"decltype({name})"
        lines.append(f"// {name}({', '.join(canon)}){' [barrier: fibers]' if sync else ''}")
        lines.append(f"static_assert(fake::Params<{t}>::count == {len(canon)}, \"PTX entry {name} "
                     f"({os.path.basename(ptx)}) has {len(canon)} parameters, the kernel in {src} another number\");"
                     f"  // no kernel {name} in {src}?")
        for i, c in enumerate(canon):
            lines.append(f"static_assert({check_class(c)}::ok<fake::param_t<{i}, {t}>>, "
                         f"\"{name} parameter {i}: the PTX passes .{c}, the C++ kernel another type\");")
        lines.append(f"void call_{name}(void** p) {{ fake::call({name}, p); }}")
    lines.append("struct Register {")
    lines.append("  Register() {")
    for name, canon, sync in entries:
        lines.append(f'    fake::register_kernel({{"{name}", "{os.path.basename(ptx)}", "{",".join(canon)}", '
                     f'{"true" if sync else "false"}, fake::pointer_params({name}), call_{name}}});')
    lines += ["  }", "} registration;", "}  // namespace", ""]
    with open(os.path.join(out_dir, f"tramp_{base}.cpp"), "w") as f:
        f.write("\n".join(lines))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out_dir, src_dir, ptxs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    owner = {}
    manifest = []
    for ptx in ptxs:
        source = os.path.join(src_dir, os.path.splitext(os.path.basename(ptx))[0] + ".cu")
        if not os.path.isfile(source):
            fail(f"{ptx} has no kernel source {source} (each NAME.ptx is compiled from NAME.cu)")
        entries = parse(ptx)
        for name, canon, sync in entries:
            if name in owner:
                fail(f"entry {name} is in both {owner[name]} and {ptx}")
            owner[name] = ptx
            manifest.append(f"{name}\t{os.path.basename(ptx)}\t{'fibers' if sync else 'loop'}\t{','.join(canon)}")
        generate(out_dir, ptx, entries)
    with open(os.path.join(out_dir, "kernels.tsv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
