"""JupyterHub configuration for scripts/test-hub.sh: a Hub on 127.0.0.1 for simulated students.

DummyAuthenticator with one shared password; SimpleLocalProcessSpawner runs every student's
single-user server as the current unix user, each with a home of their own (HUB_HOMES/NAME)
whose lessons/ is filled by `python -m workbook_kernel lessons` before the server starts, as an
instructor's image would. The single-user servers are the test venv's, so their kernel is the
wheel's java-workbook. Everything comes from environment variables the test sets.
"""
import os
import subprocess
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

work = os.environ["HUB_WORK"]
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["HUB_CHP"]]
c.ConfigurableHTTPProxy.pid_file = os.path.join(work, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{work}/hub.sqlite"
c.JupyterHub.cookie_secret_file = os.path.join(work, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(work, "hub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["HUB_PASSWORD"]
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(os.environ["HUB_HOMES"], "{username}")
c.Spawner.cmd = [os.path.join(os.path.dirname(sys.executable), "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
# Every student's server picks its kernels' ports on the same host, so two servers can pick the same free
# port before either kernel binds it; the kernel then says so and exits, and Jupyter restarts it "with new
# random ports". With jupyter_client 8's default cache_ports=True those ports never change (its
# cleanup_random_ports only forgets ports it drew itself), so all five restarts fail alike and the student's
# kernel is gone (seen once in CI: 1 of 10 students). Without the cache, the first restart binds new ports.
c.Spawner.args = ["--KernelManager.cache_ports=False"]
if os.getuid() == 0:    # CI runs as root; jupyter-server refuses root without this
    c.Spawner.args += ["--allow-root"]
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JAVA_HOME", "VIRTUAL_ENV"]
# Only the env's kernelspecs (the wheel's), never one a developer installed under ~/.local.
c.Spawner.environment = {"JUPYTER_PATH": "", "WORKBOOK_JVM_OPTS": os.environ.get("HUB_JVM_OPTS", "")}


def copy_lessons(spawner):
    home = os.path.join(os.environ["HUB_HOMES"], spawner.user.name)
    os.makedirs(home, exist_ok=True)
    subprocess.run([sys.executable, "-m", "workbook_kernel", "lessons", os.path.join(home, "lessons")],
                   check=True, capture_output=True)


c.Spawner.pre_spawn_hook = copy_lessons
