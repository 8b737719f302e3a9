#!/usr/bin/env python3
"""Triage for the differential suite: sorts the cases that differ from torch into causes and
writes lib/src/test/resources/golden/differential/pending.txt and bydesign.txt.

Run the suite first (it writes lib/target/differential-report.txt and
differential-signatures.txt), then, from the repository root:

    python3 bench/golden/differential_triage.py stats           # cases per cause
    python3 bench/golden/differential_triage.py report          # one example per cause
    python3 bench/golden/differential_triage.py other KEY 5     # the first 5 reports of a cause
    python3 bench/golden/differential_triage.py write           # rewrite pending.txt and bydesign.txt
    python3 bench/golden/differential_triage.py prune           # drop the pending cases that now match

Only needed after regenerating the goldens (case ids move); while fixing the library, delete
the lines the suite says now pass instead. The rules below are heuristics over the reports: a
case they cannot place lands under "Not yet classified" and wants a look, and a new cause
wants its own rule. Anything filed under by-design must be a torch quirk, never a library bug.
"""
import collections
import gzip
import json
import os
import re
import sys

os.chdir(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lib"))
cs = {}
for l in gzip.open('src/test/resources/golden/differential/cases.jsonl.gz'):
    x = json.loads(l); cs[x['id']] = x
txt = open('target/differential-report.txt').read()
blocks = {}
for b in re.split(r'\n(?=\[(?:UNEXPECTED|pending|by design|noted)\] )', txt):
    m = re.match(r'\[(\w+(?: \w+)?)\] (\S+)', b)
    if m and m.group(1) != 'noted':
        blocks[m.group(2)] = b
sig = {}
for l in open('target/differential-signatures.txt'):
    i, rest = l.split('  ', 1); sig[i] = rest.strip()

MASK = {'maximum', 'minimum', 'max', 'min', 'clamp', 'clamp_min', 'clamp_max', 'relu', 'get_values', 'leaky_relu', 'abs'}
GROUPS = []  # (key, header)
def G(key, header):
    GROUPS.append((key, header))
G('bydesign-pow-bool', '')
G('bydesign-torch-backward-bug', '')
G('bydesign-mse-int', '')
G('inplace-graph', 'In-place ops (add_/mul_/relu_/fill_/copy_/x[i] = v ...) on a non-leaf in the graph or a view of one are refused; torch records them (CopySlices on the base, version counters)')
G('inplace-view-leaf', "In-place op on a view of a leaf that requires grad: torch says \"a view of a leaf Variable that requires grad is being used in an in-place operation\"")
G('inplace-check-order', 'In-place op on a graph tensor with a bad operand: torch reports the operand (shape/dtype) first, the library refuses the in-place op')
G('inplace-wide-operand', 'In-place op into float32 with a float64 operand: torch computes in float64 and rounds once, the library rounds the operand first')
G('overlap', 'copy_ into an expanded (self-overlapping) view: torch refuses ("more than one element of the written-to tensor refers to a single memory location")')
G('int-pow', 'Integer pow with a negative integer exponent follows torch ([2, 4] ** [-1, 2] -> [0, 16], 1 ** -1 = 1); the library throws')
G('backward-twice', 'backward twice without retain_graph: torch fails only if the second pass needs saved tensors the first freed ((x + 1).sum() can be backpropagated twice)')
G('inplace-int-float', 'In-place op of an integer tensor with a float scalar must raise ("result type Float can\'t be cast to the desired output type Long")')
G('set-1-into-0d', 'Assigning a [1] value into a 0-d slot (b[-4] = tensor([v])) must work')
G('allclose', 'allclose: torch refuses operands of different dtypes ("Double did not match Float") and treats equal infinities as close')
G('prod-grad', 'prod() has no backward in the library')
G('float-scalar', 'A Python float scalar (Java double) must promote an integer/bool tensor to float32: x * 2.0, x + 2.0, x ** 2.0, clamp(0.5), where(c, x, 1.0) on int64/int32 (issue: "a Java double is a Python float")')
G('full-int', 'full(shape, int) is int64 in torch (fill value decides the dtype); the library makes float32')
G('other-dtype', 'Result dtype differs from torch (sign of bool is bool; int32 linear stays int32)')
G('bool-sub', 'Subtraction with a bool operand must raise ("Subtraction, the `-` operator, with a bool tensor is not supported")')
G('int-reduce', 'mean/var/std of integer or bool tensors must raise ("mean(): could not infer output dtype", "std and var only support floating point")')
G('bool-int-unsupported', 'Ops torch does not implement for bool/integer dtypes must raise (abs/relu/floor/ceil/round/argmax/argmin/pow of bool; softmax/log_softmax/mse_loss/linear of ints or bool)')
G('flatten-module', 'nn.Flatten() (start_dim=1) of a 0-d or 1-d tensor must raise ("Dimension out of range")')
G('narrow', 'narrow past the end must raise ("start (1) + length (1) exceeds dimension size (1).")')
G('arange', 'arange whose step sign disagrees with the range must raise ("upper bound and larger bound inconsistent with step sign")')
G('neg-step', 'A negative slice step must raise ("step must be greater than zero")')
G('clamp-minmax', 'clamp(min > max) must return max everywhere, as torch does; the library throws')
G('masked-grad', 'Masked gradients (relu/clamp/max/min/maximum/minimum backward) multiply by a 0/1 mask: -0. where torch has 0., nan where the incoming gradient is inf/nan; ties of maximum/minimum split the gradient in halves in torch')
G('relu-negzero', 'relu(-0.) is -0. in torch (the library gives +0.)')
G('grad-fn-matmul', 'matmul grad_fn by ranks: DotBackward0 (1-d.1-d), MvBackward0, MmBackward0/SqueezeBackward, UnsafeViewBackward0 (>=3-d)')
G('grad-fn-index', 'Advanced indexing (index tensors, boolean masks) is IndexBackward0 in torch')
G('grad-fn-view', 'Views torch records even when they change nothing (t()/transpose(d, d)/expand to the same shape -> TBackward0/TransposeBackward0/ExpandBackward0) and flatten/reshape that torch does not record (flatten of 1-d returns self; flatten(0, -1) of a view)')
G('grad-fn-mse', 'F.mse_loss is one node, MseLossBackward0')
G('grad-fn-rdiv', 'scalar / x is MulBackward0 in torch (x.reciprocal() * scalar)')
G('grad-fn-other', 'Other grad_fn names differ')
G('maxdim-0d', 'max(dim)/min(dim) of a 0-d tensor lose autograd (values do not require grad)')
G('unbatched-loss', 'F.cross_entropy / F.nll_loss on an unbatched [C] input with a 0-d target (and class-probability targets) must work as in torch')
G('softmax-empty', 'softmax/log_softmax over an empty dim must return an empty tensor')
G('cat-legacy', 'cat must skip torch\'s legacy empty 1-d tensor (shape [0]) when checking dims')
G('bce', 'binary_cross_entropy(_with_logits): dtype checks and nan/inf handling as torch (inf loss, not nan; integer targets refused)')
G('std-grad', 'std/var backward where the deviation is 0 (torch: 0, or inf for n=1) gives nan in the library')
G('std-overflow', 'std/var of huge float32 values overflows to inf in the library (torch: finite)')
G('div-grad', 'div backward: torch computes -g * (a / b) / b, which stays finite where the library\'s -g * a / (b * b) overflows')
G('err-check-order', 'Both raise, but for a different reason: torch checks the dtype (or dim) first, the library another condition first')
G('err-matmul', "matmul/mm/dot errors: torch's words depend on the path it takes (mv: \"size mismatch, got 8, 8x2,1\"; bmm: \"Expected size for first two dimensions of batch2 tensor\"; batch broadcast: \"The size of tensor a (2) must match\"; dtypes: \"expected scalar type Long but found Float\"); the library always says \"mat1 and mat2 shapes cannot be multiplied\"")
G('err-select', 'Index out of range: torch says "select(): index 3 out of range for tensor of size [2, 4] at dimension 0" / "index is out of bounds for dimension with size 0"')
G('err-notimpl', 'Dtype refused with torch\'s words: "\"leaky_relu_cpu\" not implemented for \'Int\'"')
G('err-cast', 'Dtype mismatch with torch\'s words: "result type Float can\'t be cast to the desired output type Long", "expected scalar type Float but found Long", "Found dtype Long but expected Float"')
G('err-words', "Other error wording: copy_ with a bad shape (torch: \"The size of tensor a (3) must match the size of tensor b (4)\", the library uses expand's words); in-place add_ checks the dtype before the shape")
G('other', 'Not yet classified')

def classify(i, b, s):
    c = cs[i]
    ops = set(st['op'] if st['op'] != 'module' else st['k']['cls'].lower() for st in c['steps'])
    kinds = s.split(' at ')[0]
    op = s.split(' at ')[-1]
    if op == 'module':  # judge an nn module by the function it wraps
        cls = [st['k']['cls'] for st in c['steps'] if st['op'] == 'module'][0]
        op = {'MSELoss': 'mse_loss', 'L1Loss': 'l1_loss', 'Flatten': 'flatten', 'Softmax': 'softmax',
              'LogSoftmax': 'log_softmax', 'CrossEntropyLoss': 'cross_entropy', 'NLLLoss': 'nll_loss',
              'BCELoss': 'binary_cross_entropy', 'BCEWithLogitsLoss': 'binary_cross_entropy_with_logits',
              'ReLU': 'relu', 'LeakyReLU': 'leaky_relu', 'Sigmoid': 'sigmoid', 'Tanh': 'tanh'}[cls]
    tmsg = c.get('error', {}).get('msg', '')
    if 'no error' in kinds and op == 'backward' and 'Subtraction' in tmsg:
        return 'bydesign-pow-bool'
    if 'no error' in kinds and op == 'backward' and 'returned an invalid gradient' in tmsg:
        return 'bydesign-torch-backward-bug'
    if 'no error' in kinds and op == 'backward' and re.search(r'Found dtype \w+ but expected \w+', tmsg):
        return 'bydesign-mse-int'
    if op == 'allclose':
        return 'allclose'
    if 'Integers to negative integer powers' in b and 'threw' in kinds and any(
            isinstance(a, dict) and 'f' in a for st in c['steps'] if st['op'] == 'pow' for a in st.get('a', [])):
        return 'float-scalar'
    if 'Integers to negative integer powers' in b and 'threw' in kinds:
        return 'int-pow'
    if ('threw' in kinds or 'no error' in kinds) and op == 'backward' and 'Trying to backward through the graph a second time' in b:
        return 'backward-twice'
    if 'no error' in kinds and "can't be cast to the desired output type" in tmsg and op.endswith('_'):
        return 'inplace-int-float'
    if 'threw' in kinds and op == 'set' and 'number of sizes provided (0)' in b:
        return 'set-1-into-0d'
    if 'error step' in kinds and 'part of the autograd graph is not supported' in b:
        return 'inplace-graph'
    if ('threw' in kinds or 'error step' in kinds) and 'prod() has no gradient' in b:
        return 'prod-grad'
    if 'threw' in kinds and ('part of the autograd graph is not supported' in b):
        return 'inplace-graph'
    if 'error message' in kinds and 'view of a leaf Variable' in tmsg:
        return 'inplace-view-leaf'
    if 'error message' in kinds and 'part of the autograd graph is not supported' in b:
        return 'inplace-check-order'
    if 'threw' in kinds and 'is greater than max' in b:
        return 'clamp-minmax'
    if 'more than one element of the written-to tensor' in tmsg:
        return 'overlap'
    if kinds.startswith('dtype'):
        if op == 'full':
            return 'full-int'
        if op in ('sign', 'linear'):
            return 'other-dtype'
        return 'float-scalar'
    if 'Subtraction, the `-` operator, with a bool' in tmsg and 'no error' in kinds:
        return 'bool-sub'
    if 'no error' in kinds and ('could not infer output dtype' in tmsg or 'std and var only support' in tmsg):
        return 'int-reduce'
    if 'no error' in kinds and ('not implemented for' in tmsg or 'Boolean inputs not supported' in tmsg):
        return 'bool-int-unsupported'
    if 'no error' in kinds and op == 'flatten':
        return 'flatten-module'
    if 'no error' in kinds and op == 'narrow':
        return 'narrow'
    if 'no error' in kinds and op == 'arange':
        return 'arange'
    if 'no error' in kinds and 'step must be greater than zero' in tmsg:
        return 'neg-step'
    if ('threw' in kinds and op in ('cross_entropy', 'nll_loss')) or ('error message' in kinds and op == 'nll_loss' and 'got [' in b):
        return 'unbatched-loss'
    if 'threw' in kinds and op in ('softmax', 'log_softmax'):
        return 'softmax-empty'
    if 'threw' in kinds and op == 'cat':
        return 'cat-legacy'
    if ('threw' in kinds and op == 'backward' and 'does not require grad' in b) or 'requires_grad' in kinds:
        return 'maxdim-0d'
    if op in ('binary_cross_entropy', 'binary_cross_entropy_with_logits'):
        return 'bce'
    if kinds in ('signed zero', 'signed zero+value') and op == 'relu':
        return 'relu-negzero'
    if 'grad_fn' in kinds:
        if op in ('matmul', 'dot', 'mm'):
            return 'grad-fn-matmul'
        if op == 'get':
            return 'grad-fn-index'
        if op in ('t', 'transpose', 'expand', 'flatten', 'reshape', 'view', 'expand_as', 'view_as', 'reshape_as', 'narrow'):
            return 'grad-fn-view'
        if op == 'mse_loss':
            return 'grad-fn-mse'
        if op == 'rdiv':
            return 'grad-fn-rdiv'
        return 'grad-fn-other'
    if kinds.startswith('grad'):
        if ops & MASK:
            return 'masked-grad'
        if ops & {'std', 'var'}:
            return 'std-grad'
        if 'div' in ops:
            return 'div-grad'
    if kinds == 'value' and op in ('std', 'var'):
        return 'std-overflow'
    if kinds == 'value' and op == 'input' or (kinds == 'value' and op.endswith('_')):
        return 'inplace-wide-operand'
    if kinds.startswith('error message'):
        lib = re.search(r'library: (.*)', b)
        libmsg = lib.group(1) if lib else ''
        if ('Dimension out of range' in libmsg) != ('Dimension out of range' in tmsg) or 'prod() has no gradient' in libmsg:
            return 'err-check-order'
        if op in ('matmul', 'mm', 'dot', 'outer'):
            return 'err-matmul'
        if 'Subtraction, the' in tmsg:
            return 'bool-sub'
        if 'out of range for tensor of size' in tmsg or 'out of bounds for dimension' in tmsg:
            return 'err-select'
        if 'not implemented for' in tmsg:
            return 'err-notimpl'
        if "can't be cast" in tmsg or 'expected scalar type' in tmsg or 'Found dtype' in tmsg:
            return 'err-cast'
        return 'err-words'
    return 'other'

groups = collections.defaultdict(list)
for i, s in sig.items():
    groups[classify(i, blocks.get(i, ''), s)].append((i, s))
mode = sys.argv[1]
if mode == 'prune':
    # After a library fix: keep the pending lines whose case still differs, recount each group.
    path = 'src/test/resources/golden/differential/pending.txt'
    kept, dropped = [], 0
    for line in open(path).read().split('\n'):
        tok = line.split()
        if tok and not line.startswith('#') and tok[0] not in sig:
            dropped += 1
            continue
        kept.append(line)
    out, i = [], 0
    while i < len(kept):
        line = kept[i]
        if line.startswith('## '):
            j = i + 1
            while j < len(kept) and not kept[j].startswith('## '):
                j += 1
            n = sum(1 for x in kept[i + 1:j] if x.strip() and not x.startswith('#'))
            if n:
                out.append(re.sub(r' \(\d+\)$', '', line) + ' (%d)' % n)
                out.extend(kept[i + 1:j])
            i = j
            continue
        out.append(line)
        i += 1
    open(path, 'w').write('\n'.join(out))
    print('dropped %d cases that now match torch' % dropped)
    sys.exit()
if mode == 'stats':
    for k, h in GROUPS:
        print(len(groups[k]), k)
    sys.exit()
if mode == 'report':
    for k, h in GROUPS:
        if not groups[k]:
            continue
        opsc = collections.Counter(s.split(' at ')[-1] for i, s in groups[k])
        print('\n### %s [%d cases; ops: %s]' % (h or k, len(groups[k]), ', '.join('%s %d' % kv for kv in opsc.most_common(8))))
        i = sorted(groups[k])[0][0]
        b = blocks[i]
        py = [l.strip() for l in b.split('  Java:')[0].split('\n')[2:] if l.strip()]
        py = [l if len(l) < 110 else l[:105] + ' ...' for l in py]
        det = b.split('  Java:')[1].split('\n')
        det = [l for l in det if not l.startswith('    var ') and not l.strip().endswith(';')]
        print('e.g. %s:' % i)
        for l in py[-5:]:
            print('    ' + l)
        for l in det[:7]:
            if l.strip():
                print('  ' + l.strip()[:230])
    sys.exit()
if mode == 'other':
    for i, s in groups[sys.argv[2]][:int(sys.argv[3])]:
        print(blocks[i][:1500])
    sys.exit()
out = []
out.append('''# Differential cases that differ from PyTorch 1.13 because of library bugs not fixed yet.
# The suite (org.workbook.differential.DifferentialTest) counts these as expected failures and
# prints how many; a case listed here that matches torch again fails the build ("remove it from
# pending.txt"), so the list only shrinks. Grouped by cause; each line: case id, then what
# differed and at which op. Full reports: lib/target/differential-report.txt after a run.
''')
for k, h in GROUPS:
    if k.startswith('bydesign') or not groups[k]:
        continue
    out.append('\n## %s (%d)' % (h, len(groups[k])))
    for i, s in sorted(groups[k]):
        out.append('%s  %s' % (i, s.split('  ', 1)[0] if '  ' in s else s))
open('src/test/resources/golden/differential/pending.txt', 'w').write('\n'.join(out) + '\n')
bd = ['''# Differential cases that differ from PyTorch 1.13 on purpose, each with its reason. Keep this
# short: a library bug belongs in pending.txt, not here. A case listed here that matches torch
# again fails the build, so the list cannot go stale.
''']
if groups['bydesign-pow-bool']:
    bd.append('''# x ** b with a bool exponent tensor: torch's pow backward computes `b - 1` on the bool
# exponent and fails inside backward ("Subtraction ... with a bool tensor"), an accident of its
# derivative formula, not an API rule; the library differentiates with respect to x only.''')
for i, s in sorted(groups['bydesign-pow-bool']):
    bd.append('%s  pow backward with a bool exponent' % i)
bd.append('''
# std/var of one element with dims (over all of them, or over a dim of size 1 with keepdim=False)
# then backward: torch 1.13's StdBackward0 / VarBackward0 return a 0-d gradient (g * inf: 2 / 0
# degrees of freedom) and autograd raises ("returned an invalid gradient at index 0"), a torch bug;
# the library's gradient is the same values in the input's shape.''')
for i, s in sorted(groups['bydesign-torch-backward-bug']):
    bd.append('%s  torch 1.13 std/var backward shape bug' % i)
bd.append('''
# F.mse_loss with a target of another dtype (integer, bool, or the other float width): torch's
# forward promotes, but its fused backward kernel then checks dtypes and raises ("Found dtype Int
# but expected Float"); the library's loss is the promoted (input - target)^2 mean throughout.''')
for i, s in sorted(groups['bydesign-mse-int']):
    bd.append('%s  torch\'s mse backward refuses a target of another dtype' % i)
open('src/test/resources/golden/differential/bydesign.txt', 'w').write('\n'.join(bd) + '\n')
