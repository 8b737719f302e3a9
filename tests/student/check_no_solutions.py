"""Checks student copies against their lessons: no line of solution code survives in a copy.

usage: python3 check_no_solutions.py LESSONS_DIR COPIES_DIR
A solution line is a non-blank line between `// BEGIN SOLUTION` and `// END SOLUTION` in a lesson
that appears nowhere else in the lesson (a bare `}` or `return x;` outside a region proves nothing).
Prints each copy's verdict; exit 1 when a copy holds solution code, a marker, or is missing.
"""
import json
import pathlib
import sys

lessons, copies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
bad = 0
for lesson in sorted(lessons.glob('*.md')):
    if lesson.name == 'README.md':
        continue
    inside, outside, region = set(), set(), False
    for line in lesson.read_text(encoding='utf-8').splitlines():
        s = line.strip()
        if s == '// BEGIN SOLUTION':
            region = True
        elif s == '// END SOLUTION':
            region = False
        elif s:
            (inside if region else outside).add(s)
    solution = inside - outside
    copy = copies / (lesson.stem + '.ipynb')
    if not copy.is_file():
        print(f'FAIL {copy}: no student copy of {lesson.name}')
        bad += 1
        continue
    code = [c for c in json.loads(copy.read_text(encoding='utf-8'))['cells'] if c['cell_type'] == 'code']
    lines = {l.strip() for c in code for l in ''.join(c['source']).splitlines()}
    leaked = sorted(solution & lines)
    markers = sorted(l for l in lines if 'BEGIN SOLUTION' in l or 'END SOLUTION' in l)
    tasks = sum('your code here' in ''.join(c['source']) for c in code)
    if leaked or markers:
        print(f'FAIL {copy.name}: solution code in the student copy: {(leaked + markers)[:5]}')
        bad += 1
    else:
        print(f'ok   {copy.name}: none of the {len(solution)} solution lines of {lesson.name}, {tasks} task cells to fill in')
sys.exit(1 if bad else 0)
