"""ipywidgets 8 over the kernel's comms: interact, a slider change, the redrawn Output."""
from __future__ import annotations

import pytest

from kernel_client import execute, iopub_until_idle, start

INTERACT = """
interact((a, b) -> plotDoubleFunction(x -> a * x * x + b, "a x^2 + b", -2, 2),
         slider("a", -3, 3, 0.1, 1.1), slider("b", -3, 3, 0.5, 0.0));
"""


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def opened(run):
    return {m["content"]["comm_id"]: m for m in run.of_type("comm_open")}


def test_interact_opens_widget_models_and_shows_a_static_png(kernel):
    _, kc = kernel
    run = execute(kc, INTERACT)
    assert run.status == "ok", run.error
    comms = opened(run)
    names = [m["content"]["data"]["state"]["_model_name"] for m in comms.values()]
    assert names.count("FloatSliderModel") == 2 and "OutputModel" in names and "VBoxModel" in names
    for m in comms.values():
        assert m["content"]["target_name"] == "jupyter.widget"
        assert m["metadata"] == {"version": "2.1.0"}
    slider = next(m for m in comms.values() if m["content"]["data"]["state"]["_model_name"] == "FloatSliderModel")
    assert slider["content"]["data"]["state"]["_model_module"] == "@jupyter-widgets/controls"
    assert slider["content"]["data"]["state"]["_model_module_version"] == "2.0.0"
    (shown,) = run.of_type("display_data")
    data = shown["content"]["data"]
    box = data["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert comms[box]["content"]["data"]["state"]["_model_name"] == "VBoxModel"
    assert data["image/png"].startswith("iVBOR"), "no static PNG of the first state"


def test_a_slider_change_redraws_the_output(kernel):
    _, kc = kernel
    run = execute(kc, INTERACT)
    comms = opened(run)
    slider_id = next(i for i, m in comms.items() if m["content"]["data"]["state"].get("description") == "a")
    output_id = next(i for i, m in comms.items() if m["content"]["data"]["state"]["_model_name"] == "OutputModel")
    first_png = comms[output_id]["content"]["data"]["state"]["outputs"][0]["data"]["image/png"]

    msg = kc.session.msg("comm_msg", {"comm_id": slider_id,
                                      "data": {"method": "update", "state": {"value": -2.5}, "buffer_paths": []}})
    kc.shell_channel.send(msg)
    msgs = iopub_until_idle(kc, msg["header"]["msg_id"], timeout=60)
    kinds = [m["msg_type"] for m in msgs]
    assert kinds[0] == "status" and msgs[0]["content"]["execution_state"] == "busy"
    assert kinds[-1] == "status" and msgs[-1]["content"]["execution_state"] == "idle"
    updates = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output_id]
    assert len(updates) == 1, kinds
    data = updates[0]["content"]["data"]
    assert data["method"] == "update"
    new_png = data["state"]["outputs"][0]["data"]["image/png"]
    assert new_png.startswith("iVBOR") and new_png != first_png, "the picture was not redrawn"


def test_plain_slider_and_output(kernel):
    _, kc = kernel
    run = execute(kc, 'var lr = slider("lr", 0.001, 0.1, 0.001, 0.01);\nshowWidget(lr);\nvar out = output();\nshowWidget(out);\nout.update("hello");')
    assert run.status == "ok", run.error
    outputs = [m for m in run.of_type("comm_msg")]
    assert any(m["content"]["data"]["state"]["outputs"][0]["data"]["text/plain"] == "hello" for m in outputs)
    assert execute(kc, "lr.value()").result == "0.01"
