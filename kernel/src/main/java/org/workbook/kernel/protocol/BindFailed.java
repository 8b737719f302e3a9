package org.workbook.kernel.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A socket of the kernel could not listen on the address its connection file names. The message
 * says which channel and address, the system's reason, and what to do; the kernel prints it to the
 * server's log and exits, so Jupyter sees the kernel die instead of a kernel that never answers.
 *
 * <pre>{@code
 * workbook kernel: cannot listen on tcp://127.0.0.1:41234, the shell port that Jupyter's connection
 * file gives: the address is already in use (another process holds that port). Jupyter starts ...
 * }</pre>
 */
public final class BindFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String channel;
    private final String address;

    BindFailed(String channel, String ip, String address, RuntimeException cause) {
        super("cannot listen on " + address + ", the " + channel + " port that Jupyter's connection file gives: "
            + reason(ip, cause), cause);
        this.channel = channel;
        this.address = address;
    }

    /** The channel whose socket failed: shell, control, stdin, iopub or heartbeat. */
    public String channel() {
        return channel;
    }

    /** The address from the connection file, e.g. tcp://127.0.0.1:41234. */
    public String address() {
        return address;
    }

    private static String reason(String ip, RuntimeException e) {
        if (e instanceof ZMQException z) {
            int code = z.getErrorCode();
            // JeroMQ reports every refused bind as EADDRINUSE, an address this machine lacks included
            if (code == ZMQ.Error.EADDRINUSE.getCode() && !local(ip)) {
                return "this machine has no address " + ip + ". The connection file's ip must be one of its own"
                    + " (127.0.0.1 for a local server): check the server's KernelManager.ip setting.";
            }
            if (code == ZMQ.Error.EADDRINUSE.getCode()) {
                return "the address is already in use (another process holds that port). Jupyter starts a kernel"
                    + " that dies at once again on new ports; if this keeps happening, shut the kernel down and"
                    + " start a new one (JupyterLab: Kernel > Shut Down Kernel, then pick the Java kernel again),"
                    + " which asks the system for five free ports anew.";
            }
            return z.getMessage() + ".";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ".";
    }

    /** Whether a socket can be bound to ip at all (on some free port). */
    private static boolean local(String ip) {
        if ("*".equals(ip) || "0.0.0.0".equals(ip)) {
            return true;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
