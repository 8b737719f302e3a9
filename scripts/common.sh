# Shared helpers for the workbook launcher: sourced, never run on its own.

wb_say() { printf '\033[1m[workbook]\033[0m %s\n' "$*" >&2; }
wb_die() { printf '\033[1;31m[workbook] error:\033[0m %s\n' "$*" >&2; exit 1; }

wb_help() {
  echo "usage: ./workbook COMMAND [ARGS]"
  echo
  for f in "$WB_ROOT"/scripts/cmd-*.sh; do
    name=$(basename "$f" .sh); name=${name#cmd-}
    # The second line of each command script is its one-line summary.
    printf '  %-10s %s\n' "$name" "$(sed -n '2s/^# *//p' "$f")"
  done
}

# Java 17 or newer, with javac (the kernel compiles cells with JShell).
wb_need_java() {
  command -v java >/dev/null 2>&1 || wb_die "Java is not installed. Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk; conda: conda env create -f environment.yml)."
  command -v javac >/dev/null 2>&1 || wb_die "javac is missing: a JRE is not enough. Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk)."
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || wb_die "Java $v found, Java 17 or newer is needed."
}

# Flags for every JVM the scripts start: the same list as org.workbook.JvmFlags.REQUIRED (the
# kernelspec and the grader's workers take it from there; JvmFlagsTest keeps the two in step).
# --add-modules: the SIMD kernels need the Vector API (without it the library runs its scalar
# kernels and ./workbook run says so). --enable-native-access: JCuda loads its JNI library, which
# JDK 24+ reports as a "restricted method" on stderr unless native access is granted; JDK 17-23
# accept the flag silently. (The kernel jar grants native access in its manifest, for `java -jar`;
# a manifest cannot add a module.)
# -XX:Tier3DelayOn=100000: HotSpot keeps type profiles even when the C2 queue is long, which the
# Vector API kernels need to compile to vector instructions (see JvmFlags).
# -XX:PerMethodTrapLimit=10000: C2 keeps inlining the Vector API's shared methods behind class checks
# after the 100 failed checks at which it would give up on them for good (see JvmFlags).
WB_JVM_FLAGS=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:Tier3DelayOn=100000 -XX:PerMethodTrapLimit=10000)

# java with WB_JVM_FLAGS, minus the one line a JVM with an incubator module prints on stderr at
# start-up ("WARNING: Using incubator modules: jdk.incubator.vector"): users and the tests that
# want a quiet stderr never see it. Everything else on stderr passes through, line by line.
wb_java() {
  local s
  { java "${WB_JVM_FLAGS[@]}" "$@" 2>&1 1>&3 3>&- | { grep -v --line-buffered '^WARNING: Using incubator modules: ' >&2 || true; }
    s=${PIPESTATUS[0]}; } 3>&1
  return "$s"
}

# The feature release of the java on PATH (17, 21, 25...).
wb_java_feature() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

wb_need_maven() {
  wb_need_java
  command -v mvn >/dev/null 2>&1 || wb_die "Maven is not installed (Debian: apt-get install maven; conda: it is in environment.yml)."
}

# Runs Maven quietly but keeps its errors; WB_MVN_ARGS adds flags (e.g. -o for offline).
wb_mvn() {
  local opts="${MAVEN_OPTS:-}"
  # Maven's own Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every build.
  if [ "$(wb_java_feature)" -ge 24 ] 2>/dev/null && [[ "$opts" != *sun-misc-unsafe* ]]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  (cd "$WB_ROOT" && MAVEN_OPTS="$opts" mvn -B -q ${WB_MVN_ARGS:-} "$@")
}

WB_LIB_JAR="$WB_ROOT/lib/target/workbook-lib-0.1.0-SNAPSHOT.jar"

# Packages the jars when any source is newer than the jar.
wb_build_if_needed() {
  wb_need_maven
  local jar="$WB_LIB_JAR"
  if [ ! -f "$jar" ] || [ -n "$(find "$WB_ROOT"/lib/src "$WB_ROOT"/kernel/src "$WB_ROOT"/pom.xml "$WB_ROOT"/*/pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    wb_say "building (mvn package, tests skipped)…"
    wb_mvn -DskipTests package
  fi
}

# The runtime class path of the library: its jar and its dependencies.
wb_lib_classpath() {
  local cpfile="$WB_ROOT/lib/target/classpath.txt"
  if [ ! -f "$cpfile" ] || [ "$WB_ROOT/lib/pom.xml" -nt "$cpfile" ]; then
    wb_mvn -pl lib dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
  fi
  echo "$WB_LIB_JAR:$(cat "$cpfile")"
}
