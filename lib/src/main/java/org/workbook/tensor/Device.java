package org.workbook.tensor;

import java.util.Objects;

/**
 * Where a tensor's elements live. Only the CPU exists until the CUDA backend
 * lands; asking for CUDA says so plainly instead of failing somewhere deeper.
 *
 * <pre>{@code
 * jshell> Device.CPU
 * $1 ==> cpu
 * jshell> Device.cudaAvailable()
 * $2 ==> false
 * }</pre>
 */
public final class Device {
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, -1);

    private final Kind kind;
    private final int index;

    private Device(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    public Kind kind() {
        return kind;
    }

    public int index() {
        return index;
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    /** True when a CUDA device can be used by this build on this machine. */
    public static boolean cudaAvailable() {
        return false;
    }

    /** The best device here: a GPU when one is usable, else the CPU. */
    public static Device best() {
        return cudaAvailable() ? cuda(0) : CPU;
    }

    /** The CUDA device {@code i}; fails with the reason when CUDA cannot be used. */
    public static Device cuda(int i) {
        throw new UnsupportedOperationException("CUDA device cuda:" + i + " requested, but no CUDA backend is "
            + "available in this build/machine (Device.cudaAvailable() is false). Use Device.CPU, or run on a "
            + "machine with an NVIDIA driver.");
    }

    /** Parses "cpu", "cuda" or "cuda:1". */
    public static Device parse(String s) {
        String t = s.trim().toLowerCase();
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda")) {
            return cuda(0);
        }
        if (t.startsWith("cuda:")) {
            return cuda(Integer.parseInt(t.substring(5)));
        }
        throw new IllegalArgumentException("Unknown device '" + s + "': expected cpu, cuda or cuda:N");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.kind == kind && d.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index);
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
