"""Ten students on a real JupyterHub at once (run by scripts/test-hub.sh inside build/venv-hub).

Starts JupyterHub (tests/hub/hub_config.py: DummyAuthenticator, SimpleLocalProcessSpawner,
configurable-http-proxy from npm) on 127.0.0.1, then each student, in a thread of their own and
all together: logs in with the password (the login form), asks the Hub's REST API for a token,
starts their server and waits until it is ready, reads lesson 01 through the server's Contents
API, starts a Java kernel through its kernels API, runs every code cell over the kernel's
WebSocket, and moves a slider of the first interact (an ipywidgets comm_msg) and waits for the
redrawn picture. All must pass. Prints each student's times, the kernels' and servers' peak
memory (RSS, sampled every second) and the time to finish; writes them as JSON (argument 1).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests
import websocket

STUDENTS = int(os.environ.get("HUB_STUDENTS", "10"))
TIMEOUT = float(os.environ.get("HUB_TIMEOUT", "900"))     # seconds for one student, start to finish
PASSWORD = "class-of-" + uuid.uuid4().hex[:8]
LESSON = "lessons/01_neural_net_foundations.ipynb"
JAR_MARK = "workbook_kernel/_build/workbook-kernel.jar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Sampler(threading.Thread):
    """Every second: the RSS of each kernel JVM and single-user server under the test's homes."""

    def __init__(self, homes: Path):
        super().__init__(daemon=True)
        self.homes = str(homes)
        self.peak: dict[int, float] = {}            # pid -> peak RSS of one kernel
        self.server_peak: dict[int, float] = {}
        self.peak_total = 0.0                       # the most all kernels held at one moment
        self.peak_total_servers = 0.0
        self.stop = threading.Event()

    def scan(self) -> tuple[dict[int, float], dict[int, float]]:
        kernels, servers = {}, {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                cmd = (d / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if JAR_MARK in cmd and self.homes in cmd:
                kernels[int(d.name)] = rss_mb(int(d.name))
            elif "jupyterhub-singleuser" in cmd and self.in_homes(d):
                servers[int(d.name)] = rss_mb(int(d.name))
        return kernels, servers

    def in_homes(self, proc: Path) -> bool:
        """A single-user server of this test: the spawner starts it in the student's home."""
        try:
            return os.readlink(proc / "cwd").startswith(self.homes)
        except OSError:
            return False

    def run(self) -> None:
        while not self.stop.wait(1.0):
            kernels, servers = self.scan()
            for pid, mb in kernels.items():
                self.peak[pid] = max(self.peak.get(pid, 0.0), mb)
            for pid, mb in servers.items():
                self.server_peak[pid] = max(self.server_peak.get(pid, 0.0), mb)
            self.peak_total = max(self.peak_total, sum(kernels.values()))
            self.peak_total_servers = max(self.peak_total_servers, sum(servers.values()))


class Student:
    def __init__(self, name: str, base: str):
        self.name, self.base = name, base
        self.http = requests.Session()
        self.times: dict[str, float] = {}
        self.error: str | None = None
        self.token = ""

    def api(self, method: str, path: str, **kw) -> requests.Response:
        r = self.http.request(method, self.base + path, headers={"Authorization": f"token {self.token}"}, timeout=120, **kw)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {r.status_code} {r.text[:300]}")
        return r

    def login(self) -> None:
        self.http.get(f"{self.base}/hub/login", timeout=60).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf")
        r = self.http.post(f"{self.base}/hub/login", data={"username": self.name, "password": PASSWORD, "_xsrf": xsrf},
                           allow_redirects=False, timeout=60)
        if r.status_code != 302:
            raise RuntimeError(f"login: HTTP {r.status_code} {r.text[:300]}")
        xsrf = self.http.cookies.get("_xsrf")      # logging in sets a new one, bound to the session
        r = self.http.post(f"{self.base}/hub/api/users/{self.name}/tokens", json={"note": "hub test", "expires_in": 3600},
                           headers={"X-XSRFToken": xsrf}, timeout=60)
        if r.status_code != 201:
            raise RuntimeError(f"token request: HTTP {r.status_code} {r.text[:300]}")
        self.token = r.json()["token"]

    def start_server(self) -> None:
        self.api("POST", f"/hub/api/users/{self.name}/server")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            server = self.api("GET", f"/hub/api/users/{self.name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(1)
        raise RuntimeError("the server did not become ready")

    def run(self, go: threading.Barrier) -> None:
        try:
            go.wait()
            t0 = time.monotonic()
            self.login()
            self.times["login"] = time.monotonic() - t0
            t = time.monotonic()
            self.start_server()
            self.times["server_start"] = time.monotonic() - t
            nb = self.api("GET", f"/user/{self.name}/api/contents/{LESSON}").json()["content"]
            cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"] if c["cell_type"] == "code"]
            t = time.monotonic()
            kid = self.api("POST", f"/user/{self.name}/api/kernels", json={"name": "java-workbook"}).json()["id"]
            ws, k, info = self.connect_kernel(kid)
            assert info["reply"]["content"]["language_info"]["name"] == "java", info["reply"]
            self.times["kernel_start"] = time.monotonic() - t
            t = time.monotonic()
            slider_done = False
            for i, code in enumerate(cells):
                run = k.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
                if run["reply"]["content"]["status"] != "ok":
                    c = run["reply"]["content"]
                    raise RuntimeError(f"cell {i + 1} failed: {c.get('ename')}: {c.get('evalue')}")
                if not slider_done and "interact(" in code:
                    self.times["lesson_until_slider"] = time.monotonic() - t
                    ts = time.monotonic()
                    move_slider(k, run["iopub"])
                    self.times["slider"] = time.monotonic() - ts
                    slider_done = True
            if not slider_done:
                raise RuntimeError("lesson 01 has no interact cell to move a slider of")
            self.times["lesson"] = time.monotonic() - t
            self.times["cells"] = len(cells)
            self.times["total"] = time.monotonic() - t0
            ws.close()
        except Exception as e:  # noqa: BLE001 - reported per student below
            self.error = f"{type(e).__name__}: {e}"


    def connect_kernel(self, kid: str):
        """
        Opens the kernel's WebSocket and asks for kernel_info. When the connection drops before the
        kernel has answered, opens a new one, once, as JupyterLab does (it reconnects a dropped kernel
        socket): a kernel that died at start (a port of its connection file taken by another process in
        the moment between Jupyter picking it and the kernel binding it, which all ten students' servers
        on one host make likely enough: seen twice in a dozen CI runs) is restarted by Jupyter on new
        ports, but a socket opened before that restart stays bound to the old ports, and jupyter_server
        drops it only after its kernel_info wait and its nudges (two minutes). The student's
        "reconnects" count is printed and kept in the JSON; a kernel that does not answer the second
        socket either fails the student.
        """
        url = f"{self.base.replace('http', 'ws', 1)}/user/{self.name}/api/kernels/{kid}/channels"
        for attempt in range(2):
            ws = websocket.create_connection(f"{url}?session_id={uuid.uuid4().hex}",
                                             header=[f"Authorization: token {self.token}"], timeout=TIMEOUT)
            k = KernelSocket(ws, self.name)
            try:
                return ws, k, k.request("kernel_info_request", {})
            except websocket.WebSocketConnectionClosedException:
                ws.close()
                if attempt == 1:
                    raise
                self.times["reconnects"] = self.times.get("reconnects", 0) + 1
        raise AssertionError("unreachable")


class KernelSocket:
    """Jupyter's kernel messages over the server's WebSocket (the JSON form, channel in each message)."""

    def __init__(self, ws, user: str):
        self.ws, self.user, self.session = ws, user, uuid.uuid4().hex

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.user, "session": self.session,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def request(self, msg_type: str, content: dict) -> dict:
        """Sends a shell request; returns its reply and its iopub messages up to idle."""
        msg_id = self.send(msg_type, content)
        reply, iopub = None, []
        while True:
            m = json.loads(self.ws.recv())
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if m["channel"] == "shell":
                reply = m
            elif m["channel"] == "iopub":
                iopub.append(m)
            idle = any(x["msg_type"] == "status" and x["content"]["execution_state"] == "idle" for x in iopub)
            if reply is not None and idle:
                return {"reply": reply, "iopub": iopub}
            if reply is None and idle and msg_type == "comm_msg":
                return {"reply": None, "iopub": iopub}     # comm messages get no reply


def move_slider(k: KernelSocket, iopub: list[dict]) -> None:
    opened = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in iopub if m["msg_type"] == "comm_open"}
    slider = next(i for i, s in opened.items() if s.get("_model_name") == "FloatSliderModel")
    output = next(i for i, s in opened.items() if s.get("_model_name") == "OutputModel")
    before = opened[output]["outputs"][0]["data"]["image/png"]
    msg_id = k.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 2.0}, "buffer_paths": []}})
    while True:
        m = json.loads(k.ws.recv())
        if m.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output:
            png = m["content"]["data"]["state"]["outputs"][0]["data"]["image/png"]
            if not png.startswith("iVBOR") or png == before:
                raise RuntimeError("the slider moved but the picture was not redrawn")
            return
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            raise RuntimeError("the slider update ended without redrawing the output")


def main(out_json: Path) -> None:
    work = Path(os.environ["HUB_WORK"])
    homes = work / "homes"
    homes.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = dict(os.environ, HUB_PORT=str(port), HUB_API_PORT=str(free_port()), HUB_PROXY_API_PORT=str(free_port()),
               HUB_HOMES=str(homes), HUB_PASSWORD=PASSWORD)
    log = open(work / "hub.log", "w")
    hub = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(Path(__file__).parent / "hub_config.py")],
                           cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    sampler = Sampler(homes)
    students = [Student(f"student{i:02d}", base) for i in range(1, STUDENTS + 1)]
    try:
        deadline = time.monotonic() + 180
        while True:
            if hub.poll() is not None:
                raise SystemExit(f"FAIL: JupyterHub exited ({hub.returncode}); see {work}/hub.log")
            try:
                if requests.get(f"{base}/hub/api", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"FAIL: JupyterHub did not answer within 180 s; see {work}/hub.log")
            time.sleep(1)
        print(f"JupyterHub {requests.get(f'{base}/hub/api', timeout=5).json()['version']} is up on {base}; "
              f"{STUDENTS} students start together", flush=True)
        sampler.start()
        go = threading.Barrier(STUDENTS)
        t0 = time.monotonic()
        threads = [threading.Thread(target=s.run, args=(go,), daemon=True) for s in students]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT + 60)
        wall = time.monotonic() - t0
        time.sleep(1.5)     # one more sample after the last cell
        sampler.stop.set()
        for s in students:
            if s.error is None and "total" not in s.times:
                s.error = f"did not finish within {TIMEOUT:.0f} s"
        report(students, sampler, wall, out_json)
        failed = [s for s in students if s.error]
        if failed:
            print(f"--- last lines of {work}/hub.log ---")
            print("".join(open(work / "hub.log").readlines()[-40:]))
            raise SystemExit(f"FAIL: {len(failed)} of {STUDENTS} students failed: " + "; ".join(f"{s.name}: {s.error}" for s in failed))
        left = stop_servers(students, base, sampler)
        if any(left):
            raise SystemExit(f"FAIL: kernels {sorted(left[0])} and servers {sorted(left[1])} still run 30 s after "
                             "their servers were stopped (a kernel must end when the server that started it does)")
        print(f"hub test: all {STUDENTS} students passed; every kernel ended with its server")
    finally:
        stop_hub(hub, students, base, sampler)


def report(students: list[Student], sampler: Sampler, wall: float, out_json: Path) -> None:
    print(f"{'student':10} {'login':>6} {'server':>7} {'kernel':>7} {'lesson':>7} {'slider':>7} {'total':>7}  (seconds)")
    for s in students:
        t = s.times
        cols = " ".join(f"{t[k]:7.1f}" if k in t else "      -" for k in ("server_start", "kernel_start", "lesson", "slider", "total"))
        print(f"{s.name:10} {t.get('login', 0):6.1f} {cols}" + (f"  FAILED: {s.error}" if s.error else "")
              + (f"  (kernel socket reopened {t['reconnects']:.0f}x after the kernel's restart)" if t.get("reconnects") else ""))
    kernels = sorted(sampler.peak.values())
    servers = sorted(sampler.server_peak.values())
    summary = {
        "students": len(students), "passed": sum(1 for s in students if not s.error), "wall_s": round(wall, 1),
        "kernel_peak_rss_mb": {"max": round(max(kernels, default=0)), "mean": round(sum(kernels) / max(1, len(kernels))),
                               "all_at_once": round(sampler.peak_total)},
        "server_peak_rss_mb": {"max": round(max(servers, default=0)), "mean": round(sum(servers) / max(1, len(servers))),
                               "all_at_once": round(sampler.peak_total_servers)},
        "per_student": {s.name: {k: round(v, 1) for k, v in s.times.items()} | ({"error": s.error} if s.error else {})
                        for s in students},
        "jvm_opts": os.environ.get("HUB_JVM_OPTS", ""),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cores": os.cpu_count(),
        "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name")), "?"),
    }
    print(f"kernels: {len(kernels)} JVMs, peak RSS per kernel max {summary['kernel_peak_rss_mb']['max']} MB, "
          f"mean {summary['kernel_peak_rss_mb']['mean']} MB; all kernels together peaked at {summary['kernel_peak_rss_mb']['all_at_once']} MB")
    print(f"single-user servers: peak RSS max {summary['server_peak_rss_mb']['max']} MB, mean "
          f"{summary['server_peak_rss_mb']['mean']} MB; together {summary['server_peak_rss_mb']['all_at_once']} MB")
    print(f"time to finish (all {len(students)}): {wall:.1f} s")
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(summary, indent=1) + "\n")


def stop_servers(students: list[Student], base: str, sampler: Sampler) -> tuple[dict, dict]:
    """Stops every student's server through the Hub's API; returns the kernels and servers still running 30 s later."""
    def stop(s: Student) -> None:
        try:
            s.http.delete(f"{base}/hub/api/users/{s.name}/server", headers={"Authorization": f"token {s.token}"}, timeout=90)
        except requests.RequestException:
            pass
    stoppers = [threading.Thread(target=stop, args=(s,)) for s in students if s.token]
    for t in stoppers:
        t.start()
    for t in stoppers:
        t.join(120)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(sampler.scan()):
        time.sleep(1)
    return sampler.scan()


def stop_hub(hub: subprocess.Popen, students: list[Student], base: str, sampler: Sampler) -> None:
    if any(s.token for s in students) and any(sampler.scan()):
        stop_servers(students, base, sampler)
    if hub.poll() is None:
        os.killpg(hub.pid, signal.SIGTERM)      # the Hub and its proxy (the servers run in sessions of their own)
        try:
            hub.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
    kernels, servers = sampler.scan()
    for pid in [*kernels, *servers]:            # only processes of this test: their command lines name its folder
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    main(Path(sys.argv[1]))
