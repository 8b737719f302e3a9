"""A small driver for the Java kernel over jupyter_client: run a cell, collect its outputs."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import jupyter_client
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME


@dataclass
class Run:
    """One execute request: its reply, its iopub messages (busy..idle) and how long the reply took."""

    reply: dict[str, Any]
    messages: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def of_type(self, msg_type: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["msg_type"] == msg_type]

    @property
    def stdout(self) -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    @property
    def stderr(self) -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stderr")

    @property
    def result(self) -> str | None:
        r = self.of_type("execute_result")
        return r[0]["content"]["data"]["text/plain"] if r else None

    @property
    def error(self) -> dict[str, Any] | None:
        e = self.of_type("error")
        return e[0]["content"] if e else None


def start(**kw: Any) -> tuple[KernelManager, BlockingKernelClient]:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=KERNEL_NAME, **kw)
    return km, kc


def shell_reply(kc: BlockingKernelClient, msg_id: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until_idle(kc: BlockingKernelClient, msg_id: str, timeout: float) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out


def execute(kc: BlockingKernelClient, code: str, timeout: float = 60, **kw: Any) -> Run:
    t0 = time.monotonic()
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id, timeout)
    seconds = time.monotonic() - t0
    return Run(reply, iopub_until_idle(kc, msg_id, timeout), seconds)
