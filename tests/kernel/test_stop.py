"""The stop button and what students do to a kernel, over ZeroMQ with jupyter_client.

Each interrupt test measures how long the kernel took to answer the interrupted
execute request and prints it (pytest -s shows the latencies per JDK).
"""
from __future__ import annotations

import os
import time

import pytest
import zmq
from jupyter_client.session import Session

from kernel_client import execute, iopub_until_idle, shell_reply, start

STOPPABLE = {
    "busy loop": "while (true) { }",
    "loop catching Throwable": "while (true) { try { while (true) { } } catch (Throwable t) { } }",
    "long tensor loop": "var t = zeros(100_000); while (true) { t = t.add(1).mul(0.5); }",
    "50,000 statements": "int s0 = 0;\n" + "s0 += 1;\n" * 50_000,
    "sleep": "Thread.sleep(600_000);",
}


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def kernel_pid(km) -> int:
    return km.provisioner.process.pid


def cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def threads(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError("no Threads line")


def interrupt_after(km, kc, msg_id: str, wait: float) -> tuple[dict, float]:
    time.sleep(wait)
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - t0
    iopub_until_idle(kc, msg_id, timeout=10)
    return reply, elapsed


@pytest.mark.parametrize("name", list(STOPPABLE))
def test_each_cell_stops_within_a_second_and_keeps_variables(kernel, name):
    km, kc = kernel
    assert execute(kc, "int kept = 41;").status == "ok"
    msg_id = kc.execute(STOPPABLE[name])
    reply, elapsed = interrupt_after(km, kc, msg_id, 1.5 if "statements" in name else 0.7)
    print(f"\ninterrupt latency, {name}: {elapsed:.3f} s")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted", reply["content"]
    assert elapsed < 1.0, f"the interrupt took {elapsed:.2f} s"
    run = execute(kc, "kept + 1")
    assert run.status == "ok" and run.result == "42"


def test_a_blocked_stdin_read_stops_within_a_second(kernel):
    km, kc = kernel
    msg_id = kc.execute("String line = new Scanner(System.in).nextLine();", allow_stdin=True)
    assert kc.get_stdin_msg(timeout=30)["msg_type"] == "input_request"
    reply, elapsed = interrupt_after(km, kc, msg_id, 0.3)
    print(f"\ninterrupt latency, stdin read: {elapsed:.3f} s")
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted", reply["content"]
    assert elapsed < 1.0, f"the interrupt took {elapsed:.2f} s"
    assert execute(kc, "1 + 1").result == "2"


def test_after_stops_the_idle_kernel_has_no_extra_thread_and_uses_no_cpu(kernel):
    km, kc = kernel
    pid = kernel_pid(km)
    before = threads(pid)
    for _ in range(3):
        msg_id = kc.execute("while (true) { try { } catch (Throwable t) { } }")
        interrupt_after(km, kc, msg_id, 0.3)
    run = execute(kc, 'Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("workbook-cell")).count()')
    assert run.result == "1", "cell threads alive besides the current one: " + str(run.result)
    time.sleep(1.0)
    cpu0 = cpu_seconds(pid)
    time.sleep(2.0)
    used = cpu_seconds(pid) - cpu0
    print(f"\nidle kernel: {used:.3f} s CPU in 2 s, threads {before} -> {threads(pid)}")
    assert used < 0.2, f"the idle kernel used {used:.2f} s of CPU in 2 s"
    assert threads(pid) <= before + 2, f"threads grew from {before} to {threads(pid)}"


def send_signed(km, parts: list[bytes]) -> None:
    """Sends raw frames [header, parent, metadata, content] with a correct signature."""
    info = km.get_connection_info()
    session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 1000
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    try:
        sock.send_multipart([b"<IDS|MSG>", session.sign(parts), *parts])
        sock.poll(500)
    finally:
        sock.close()


@pytest.mark.parametrize("parts", [
    [b"{not json", b"{}", b"{}", b"{}"],
    [b"null", b"{}", b"{}", b"{}"],
    [b'{"msg_id": "x", "msg_type": "execute_request", "session": "s", "username": "u", "date": "2026-01-01T00:00:00Z", "version": "5.3"}',
     b"{}", b"{}", b"[1, 2"],
    [b'{"msg_id": "y", "session": "s"}', b"[]", b"7", b"{}"],
])
def test_malformed_signed_messages_leave_the_kernel_serving(kernel, parts):
    km, kc = kernel
    send_signed(km, parts)
    run = execute(kc, "40 + 2", timeout=30)
    assert run.status == "ok" and run.result == "42"


def test_out_of_memory_caught_by_the_cell_with_the_heap_kept_full(kernel):
    _, kc = kernel
    run = execute(kc, "var hog = new ArrayList<long[]>();\n"
                      "try { while (true) hog.add(new long[1 << 20]); } catch (OutOfMemoryError e) { }\n"
                      "hog.size() > 0", timeout=120)
    assert run.reply["content"]["status"] in ("ok", "error")
    run = execute(kc, "hog = null;", timeout=60)
    assert run.reply["content"]["status"] in ("ok", "error")
    execute(kc, "hog = null; System.gc();", timeout=60)
    run = execute(kc, "var again = new long[10_000_000]; again.length", timeout=60)
    assert run.status == "ok" and run.result == "10000000", run.error


def test_the_kernel_process_writes_nothing_to_stderr(tmp_path):
    # JDK 24+ warns on stderr when JCuda loads its JNI library, unless native access is granted
    # (the kernel jar's manifest does); a probe for CUDA loads it.
    path = tmp_path / "stderr.txt"
    with open(path, "w") as err:
        km, kc = start(stderr=err)
        try:
            assert execute(kc, "Device.cudaAvailable()").status == "ok"
            assert execute(kc, "tensor(1.0, 2.0).add(1).sum()").status == "ok"
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    # The one line the JVM prints at start-up for --add-modules=jdk.incubator.vector (the SIMD
    # kernels) goes to Jupyter's log, never to a notebook; any other warning is a failure.
    text = "".join(line for line in path.read_text().splitlines(keepends=True)
                   if not line.startswith("WARNING: Using incubator modules: "))
    assert "WARNING" not in text, text
