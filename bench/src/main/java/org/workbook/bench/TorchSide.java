package org.workbook.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where PyTorch's figures come from: {@link TorchServer} measures each case on
 * request, right before ours (the normal way: both sides of a case see the same
 * load), {@link TorchResults} reads a finished compare_torch.py --out file, and
 * {@link #missing} stands in when torch is not installed.
 */
interface TorchSide extends AutoCloseable {
    /** torch's figures for case id, or null when it has none (not installed, or a Java-only case). */
    Timing.Result measure(String id);

    /**
     * torch's figures for case id with {@code threads} threads (torch's pool and its OpenBLAS's), or null when
     * it has none; a finished results file has single-threaded figures only.
     */
    default Timing.Result measure(String id, int threads) {
        return threads == 1 ? measure(id) : null;
    }

    /** Cores other processes used while torch measured case id single-threaded (NaN when unknown). */
    double contention(String id);

    /** The validation accuracy torch's twin of a training case reached (NaN when it has none). */
    default double accuracy(String id) {
        return Double.NaN;
    }

    /** torch's environment as compare_torch.py reports it (version, BLAS, threads); null when missing. */
    JsonNode env();

    /** Why torch is not measured, when it is not. */
    String note();

    default boolean available() {
        return env() != null;
    }

    @Override
    default void close() { }

    static TorchSide missing(String note) {
        return new TorchSide() {
            @Override
            public Timing.Result measure(String id) {
                return null;
            }

            @Override
            public double contention(String id) {
                return Double.NaN;
            }

            @Override
            public JsonNode env() {
                return null;
            }

            @Override
            public String note() {
                return note;
            }
        };
    }

    /** A result line of compare_torch.py (its keys are the same in --out files and --serve replies). */
    static Timing.Result parse(JsonNode r) {
        return new Timing.Result(r.path("median_ns").asDouble(), r.path("min_ns").asDouble(),
            r.path("max_ns").asDouble(), r.path("cpu_mean_ns").asDouble(Double.NaN), r.path("calls_per_rep").asLong(),
            r.path("reps").asInt());
    }
}
