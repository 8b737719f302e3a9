"""Issue 19 over ZeroMQ: each common mistake gets a hint or a message that names its cause and fix."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import zipfile

import pytest

from kernel_client import execute, shell_reply, start

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    assert execute(kc, "var a = ones(2); var b = ones(2);").status == "ok"
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def error_text(run) -> str:
    assert run.status == "error", run.reply
    return ANSI.sub("", "\n".join(run.error["traceback"]))


@pytest.mark.parametrize(
    "cell, hint",
    [
        ("a + b", "hint: Java has no operators on tensors: write a.add(b) for a + b"),
        ("a[0]", "hint: a tensor is indexed with methods: write a.get(0) for a[0]"),
        ("a.float()", "hint: float is a Java keyword, so the method is toFloat(): write a.toFloat()"),
        ("a.summ()", "hint: did you mean sum()?"),
        ("a ** 2", "hint: Java has no ** operator: write a.pow(2) for a ** 2"),
        ("boolean t = true and false;", "hint: Java writes and as &&"),
        ("len(a)", "hint: Java has no len(): write a.size(0) for len(a)"),
        ("Tensor q = None;", "hint: Java writes None as null"),
        ('String s = f"x={a}";', 'hint: Java has no f-strings: write "x=" + a'),
        ("for (int i : range(3)) { }", "hint: Java has no range(): write for (int i = 0; i < 3; i++)"),
    ],
)
def test_python_habits_get_the_java_form(kernel, cell, hint):
    _, kc = kernel
    assert hint in error_text(execute(kc, cell))


def test_redefinitions_name_what_was_dropped_and_what_to_rerun(kernel):
    _, kc = kernel
    assert execute(kc, "class Foo { int x; }").status == "ok"
    assert execute(kc, "var foo3 = new Foo();\nFoo foo4 = new Foo();").status == "ok"
    run = execute(kc, "class Foo { int x; int y; }")
    assert "variable foo3 is gone: after class Foo changed" in run.stdout
    assert "a var keeps the class it was declared with" in run.stdout
    assert "variable foo4 was reset to null: class Foo changed its shape" in run.stdout
    assert execute(kc, "int g() { return 1; }\nint h() { return g() + 1; }").status == "ok"
    run = execute(kc, 'String g() { return "a"; }')
    assert "method h() can no longer be used: after method g() changed, its code no longer compiles" in run.stdout
    text = error_text(execute(kc, "h()"))
    assert "method h() cannot be called until its code compiles again (incompatible types" in text
    assert "until  is" not in text


def test_nulls_are_named_as_written(kernel):
    _, kc = kernel
    assert 'because "t" is null' in error_text(execute(kc, "void f() { Tensor t = null; t.sum(); }\nf()"))
    assert "add(): argument 'other' must be a Tensor, not null" in error_text(execute(kc, "a.add((Tensor) null)"))
    text = error_text(execute(kc, "var x = ones(2);\nx.grad().mul(2)"))
    assert "hint: grad() is null" in text and "requiresGrad_()" in text and "not a leaf" in text


def test_system_exit_is_refused_and_the_kernel_lives_on(kernel):
    _, kc = kernel
    assert "System.exit(1) was refused" in error_text(execute(kc, "System.exit(1)"))
    assert execute(kc, "6 * 7").result == "42"


def test_smaller_points(kernel):
    _, kc = kernel
    assert execute(kc, '"abcd"').result == '"abcd"'
    text = error_text(execute(kc, "var net = new Sequential(new Linear(4, 10), new Linear(20, 5));\nnet.apply(ones(3, 4))"))
    assert "the layer before this one gives 10 features" in text and "flatten" not in text
    text = error_text(execute(kc, "int[] arr = new int[1];\nvar v = arr[5];"))
    assert "do_it$" not in text and "<cell> (In [" in text


def test_completion_hides_object_internals_and_inspection_shows_javadoc(kernel):
    _, kc = kernel
    msg_id = kc.complete("a.", 2)
    matches = shell_reply(kc, msg_id, 30)["content"]["matches"]
    assert "sum(" in matches and "wait(" not in matches and "getClass()" not in matches
    msg_id = kc.inspect("a.view(2, 1)", 4)
    reply = shell_reply(kc, msg_id, 30)["content"]
    assert "Same data, new shape" in reply["data"]["text/plain"]


def _jar(path: pathlib.Path, classes: pathlib.Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for f in classes.rglob("*.class"):
            z.write(f, f.relative_to(classes).as_posix())


def test_maven_adds_a_library_from_a_local_repository(tmp_path):
    repo = tmp_path / "repo"
    src = tmp_path / "src" / "demo"
    src.mkdir(parents=True)
    (src / "Greeter.java").write_text('package demo; public class Greeter { public static String hi() { return "hi"; } }')
    classes = tmp_path / "classes"
    subprocess.run(["javac", "--release", "17", "-d", str(classes), str(src / "Greeter.java")], check=True)
    home = repo / "org" / "demo" / "greeter" / "1.0"
    home.mkdir(parents=True)
    _jar(home / "greeter-1.0.jar", classes)
    (home / "greeter-1.0.pom").write_text(
        "<project><modelVersion>4.0.0</modelVersion><groupId>org.demo</groupId>"
        "<artifactId>greeter</artifactId><version>1.0</version></project>"
    )
    settings = tmp_path / "settings.xml"
    settings.write_text(
        f"<settings><localRepository>{tmp_path / 'local'}</localRepository><mirrors><mirror><id>test</id>"
        f"<url>{repo.as_uri()}</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>"
    )
    km, kc = start(env={**os.environ, "WB_MAVEN_SETTINGS": str(settings)})
    try:
        run = execute(kc, "%maven org.demo:greeter:1.0")
        assert run.status == "ok", run.error
        assert "added org.demo:greeter:jar:1.0 (greeter-1.0.jar)" in run.stdout
        assert execute(kc, "demo.Greeter.hi()").result == '"hi"'
        text = error_text(execute(kc, "%maven org.demo:nope:1.0"))
        assert "org.demo:nope:jar:1.0 was not found in test" in text
        assert run.stderr == ""
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
