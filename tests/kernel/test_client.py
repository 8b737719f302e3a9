"""The kernel driven with jupyter_client: interrupts, memory, redefinition, security, stdin."""
from __future__ import annotations

import threading
import time

import pytest
import zmq
from jupyter_client.session import Session

from kernel_client import execute, iopub_until_idle, shell_reply, start


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.mark.parametrize(
    "cell",
    [
        "while (true) { }",
        "Thread.sleep(600_000);",
        "long s = 0; for (long i = 0; i < Long.MAX_VALUE; i++) { s += i % 7; }",
    ],
)
def test_interrupt_stops_the_cell_within_a_second_and_keeps_state(kernel, cell):
    km, kc = kernel
    assert execute(kc, "int kept = 41;").status == "ok"
    msg_id = kc.execute(cell)
    time.sleep(0.5)
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=5)
    elapsed = time.monotonic() - t0
    assert elapsed < 1.0, f"the interrupt took {elapsed:.2f} s"
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    iopub_until_idle(kc, msg_id, timeout=5)
    run = execute(kc, "kept + 1")
    assert run.status == "ok" and run.result == "42"


def test_out_of_memory_is_reported_and_the_kernel_lives_on(kernel):
    _, kc = kernel
    run = execute(kc, "var chunks = new ArrayList<long[]>();\nwhile (true) chunks.add(new long[10_000_000]);", timeout=120)
    assert run.status == "error"
    assert run.error["ename"] == "OutOfMemoryError"
    assert "chunks were set to null" in "\n".join(run.error["traceback"])
    run = execute(kc, "var again = new long[10_000_000]; again.length")
    assert run.status == "ok" and run.result == "10000000", "the memory was not given back"


def test_redefining_a_method_or_class_keeps_variables(kernel):
    _, kc = kernel
    assert execute(kc, "int price() { return 10; }").status == "ok"
    assert execute(kc, "int total = price() * 3;").status == "ok"
    assert execute(kc, "class Counter { int step() { return 1; } }\nCounter counter = new Counter();").status == "ok"
    run = execute(kc, "int price() { return 99; }\nclass Counter { int step() { return 5; } }")
    assert run.status == "ok" and "reset" not in run.stdout
    assert execute(kc, "total").result == "30"
    assert execute(kc, "counter.step() + price()").result == "104"


def test_changed_shape_says_which_variables_were_reset(kernel):
    _, kc = kernel
    assert execute(kc, "class Shape1 { int a; }\nShape1 s1 = new Shape1();").status == "ok"
    run = execute(kc, "class Shape1 { int a; int b; }")
    assert run.status == "ok"
    assert "variable s1 was reset to null: class Shape1 changed" in run.stdout


def test_stop_on_error_aborts_the_queued_cells(kernel):
    _, kc = kernel
    ids = [kc.execute("int before = 1;"), kc.execute("throw new RuntimeException(\"stop here\");"),
           kc.execute("int after = 2;"), kc.execute("int after2 = 3;")]
    replies = [shell_reply(kc, i, timeout=30) for i in ids]
    for i in ids:
        iopub_until_idle(kc, i, timeout=30)
    assert [r["content"]["status"] for r in replies] == ["ok", "error", "aborted", "aborted"]
    assert execute(kc, "after").status == "error", "an aborted cell ran"
    ok = execute(kc, "throw new RuntimeException(\"go on\");", stop_on_error=False)
    assert ok.status == "error"


def test_system_in_reads_through_input_request(kernel):
    _, kc = kernel
    msg_id = kc.execute('var in = new Scanner(System.in);\nString name = in.nextLine();\n"hello " + name', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=30)
    assert req["msg_type"] == "input_request"
    kc.input("Ada")
    reply = shell_reply(kc, msg_id, timeout=30)
    outs = iopub_until_idle(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "ok"
    assert [m["content"]["data"]["text/plain"] for m in outs if m["msg_type"] == "execute_result"] == ['"hello Ada"']


def test_display_updates_in_place(kernel):
    _, kc = kernel
    run = execute(kc, 'String id = show("step 0", null);\nfor (int i = 1; i <= 3; i++) update(id, "step " + i);')
    assert run.status == "ok"
    shown = run.of_type("display_data")
    updates = run.of_type("update_display_data")
    assert len(shown) == 1 and len(updates) == 3
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    assert updates[-1]["content"]["data"]["text/plain"] == "step 3"


def test_nothing_reaches_stderr_in_normal_work(kernel):
    _, kc = kernel
    for cell in ["int quiet = 1;", "quiet + 1", 'show(MimeBundle.text("x"));', "void m() { }"]:
        run = execute(kc, cell)
        assert run.status == "ok" and run.stderr == ""


def test_a_message_with_a_wrong_signature_is_not_executed(kernel):
    km, kc = kernel
    info = km.get_connection_info()
    forged = Session(key=b"not-the-key", signature_scheme=info["signature_scheme"])
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    try:
        msg = forged.msg("execute_request", {
            "code": 'int forged = 1; System.out.println("FORGED RAN");', "silent": False,
            "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        forged.send(sock, msg)
        assert sock.poll(1500) == 0, "the kernel answered a forged message"
    finally:
        sock.close()
    run = execute(kc, "forged")
    assert run.status == "error" and "cannot find symbol" in run.error["evalue"]
    assert "FORGED RAN" not in run.stdout


def test_thousand_executions_keep_the_heap_bounded(kernel):
    _, kc = kernel
    probe = "System.gc(); Thread.sleep(100); System.gc(); (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024 / 1024"
    for i in range(20):
        execute(kc, f"int warm{i % 5} = {i};")
    before = int(execute(kc, probe).result)
    for i in range(1000):
        run = execute(kc, f"int v{i % 10} = {i};" if i % 2 == 0 else f"v{(i - 1) % 10} + 1")
        assert run.status == "ok", run.error
    after = int(execute(kc, probe).result)
    # JShell keeps every snippet's source and class (a few kB each); more means a leak.
    assert after - before < 48, f"heap grew from {before} MB to {after} MB over 1,000 cells"
