# shellcheck shell=bash
# grade submissions, each in its own JVM: a score per check cell, into JSON and JUnit XML reports
# Usage: ./workbook grade SUBMISSION.ipynb... [--report grades.json] [--junit grades.xml] [--source LESSON.md]
#        [--timeout SECS] [--cell-timeout SECS] [--memory MB] [--jobs N] [--executed DIR]   (--help explains)
# Exit status: 0 when grading ran (whatever the scores), 2 on bad usage.
source "$WB_ROOT/scripts/run-lessons.sh"
wb_runner_java org.workbook.grading.GradeMain "$@"
