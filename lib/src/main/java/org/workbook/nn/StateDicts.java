package org.workbook.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.workbook.autograd.GradMode;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Saving and loading a module's parameters by name. The file format is small and
 * explicit: "WBSD" then a version, the entry count, and per entry its name, dtype,
 * shape and values (float32/float64/int64, big-endian). Writes go to a temporary
 * file first, so a failed save never leaves half a file behind.
 */
public final class StateDicts {
    private static final int MAGIC = 0x57425344; // "WBSD"
    private static final int VERSION = 1;

    private StateDicts() { }

    public static void save(Map<String, Tensor> state, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(state.size());
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    Tensor t = e.getValue();
                    DType dt = t.dtype().isFloatingPoint() ? t.dtype() : DType.INT64;
                    out.writeUTF(e.getKey());
                    out.writeUTF(dt.name());
                    out.writeInt(t.ndim());
                    for (int d : t.shapeArray()) {
                        out.writeInt(d);
                    }
                    switch (dt) {
                        case FLOAT32: for (float v : t.toFloatArray()) { out.writeFloat(v); } break;
                        case FLOAT64: for (double v : t.toDoubleArray()) { out.writeDouble(v); } break;
                        default: for (long v : t.toLongArray()) { out.writeLong(v); }
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the state dict to " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Tensor> read(Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a saved state dict (wrong magic number); save one "
                    + "with module.save(path)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(file + ": state dict format version " + version + " is not "
                    + "supported (expected " + VERSION + ")");
            }
            int n = in.readInt();
            if (n < 0) {
                throw corrupt(file, "invalid entry count " + n);
            }
            long fileSize = Files.size(file);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                String dtName = in.readUTF();
                DType dt = switch (dtName) {
                    case "FLOAT32" -> DType.FLOAT32;
                    case "FLOAT64" -> DType.FLOAT64;
                    case "INT64" -> DType.INT64;
                    default -> throw corrupt(file, "unknown dtype " + dtName + " for entry '" + name + "'");
                };
                int rank = in.readInt();
                if (rank < 0 || rank > 64) {
                    throw corrupt(file, "invalid rank " + rank + " for entry '" + name + "'");
                }
                int[] shape = new int[rank];
                long numel = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readInt();
                    numel *= Math.max(shape[d], 0);
                    if (shape[d] < 0 || numel > Integer.MAX_VALUE) {
                        for (int e = d + 1; e < shape.length; e++) {
                            shape[e] = in.readInt();
                        }
                        throw corrupt(file, "invalid shape " + Arrays.toString(shape) + " for entry '" + name + "'");
                    }
                }
                int count = (int) numel;
                // A corrupt size must not make us allocate gigabytes before noticing the file is short.
                if (numel * (dt == DType.FLOAT32 ? 4 : 8) > fileSize) {
                    throw new IllegalArgumentException(file + " is truncated: entry '" + name + "' of shape "
                        + Arrays.toString(shape) + " needs more bytes than the whole file has (" + fileSize + ")");
                }
                Tensor t;
                switch (dt) {
                    case FLOAT32: {
                        float[] v = new float[count];
                        for (int k = 0; k < count; k++) { v[k] = in.readFloat(); }
                        t = Tensors.fromArray(v, shape);
                        break;
                    }
                    case FLOAT64: {
                        double[] v = new double[count];
                        for (int k = 0; k < count; k++) { v[k] = in.readDouble(); }
                        t = Tensors.fromArray(v, shape);
                        break;
                    }
                    default: {
                        long[] v = new long[count];
                        for (int k = 0; k < count; k++) { v[k] = in.readLong(); }
                        t = Tensors.fromArray(v, shape);
                    }
                }
                out.put(name, t);
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated: it ends in the middle of an entry", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the state dict " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static IllegalArgumentException corrupt(Path file, String what) {
        return new IllegalArgumentException(file + " is corrupt: " + what + " (was it written by module.save(path)?)");
    }

    static void load(Module m, Map<String, Tensor> state) {
        Map<String, Tensor> params = new LinkedHashMap<>(m.namedParameters());
        params.putAll(m.namedBuffers()); // batch norm's running statistics load like parameters
        TreeSet<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(params.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + m.getClass().getSimpleName()
                + ": " + (missing.isEmpty() ? "" : "Missing key(s): " + missing + ". ")
                + (unexpected.isEmpty() ? "" : "Unexpected key(s): " + unexpected + ". ")
                + "Is the file from a model with the same layers?");
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor v = state.get(e.getKey());
            if (!Arrays.equals(v.shapeArray(), e.getValue().shapeArray())) {
                throw new IllegalArgumentException("size mismatch for " + e.getKey() + ": copying a param with shape "
                    + Arrays.toString(v.shapeArray()) + " from checkpoint, the shape in current model is "
                    + Arrays.toString(e.getValue().shapeArray()) + ".");
            }
        }
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                e.getValue().copy_(state.get(e.getKey()));
            }
        }
    }
}
