package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.workbook.backend.BinaryOp;
import org.workbook.backend.ReduceOp;
import org.workbook.backend.UnaryOp;

/**
 * The contract between the Java host side and the kernels, checked without a GPU:
 * the op codes in workbook.cuh are the Java enums' ordinals, and the committed PTX
 * has every kernel the backend launches, with the number of parameters the host passes.
 */
class CudaAbiTest {
    private static final Path HEADER = Path.of("src/main/cuda/workbook.cuh");

    @Test
    void opCodesAreTheEnumOrdinals() throws IOException {
        Map<String, Integer> defines = new HashMap<>();
        Matcher m = Pattern.compile("#define ([URB])_(\\w+) (\\d+)").matcher(Files.readString(HEADER));
        while (m.find()) {
            defines.put(m.group(1) + ":" + m.group(2), Integer.parseInt(m.group(3)));
        }
        for (UnaryOp op : UnaryOp.values()) {
            assertEquals(op.ordinal(), defines.get("U:" + op.name()), "U_" + op.name() + " in workbook.cuh");
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertEquals(op.ordinal(), defines.get("B:" + op.name()), "B_" + op.name() + " in workbook.cuh");
        }
        for (ReduceOp op : ReduceOp.values()) {
            assertEquals(op.ordinal(), defines.get("R:" + op.name()), "R_" + op.name() + " in workbook.cuh");
        }
        assertEquals(UnaryOp.values().length + BinaryOp.values().length + ReduceOp.values().length, defines.size(),
            "no stale op codes in workbook.cuh");
    }

    /** Kernel name -> parameter count, as the host side launches them (see workbook.cuh). */
    static Map<String, Integer> expectedKernels() {
        Map<String, Integer> k = new LinkedHashMap<>();
        String[] all = {"f32", "f64", "i64", "i32", "u8", "b8"};
        for (String t : new String[] {"f32", "f64", "i64"}) {
            k.put("unary_" + t, 9);
            k.put("binary_" + t, 12);
            k.put("reduce_" + t, 9);
            k.put("argreduce_" + t, 9);
            k.put("index_add_" + t, 7);
        }
        for (String s : all) {
            k.put("compare_" + s, 12);
            k.put("fill_" + s, 5);
            k.put("where_" + s, 10);
            k.put("index_select_" + s, 7);
            for (String d : all) {
                k.put("copy_" + s + "_" + d, 6);
            }
        }
        for (String t : new String[] {"f32", "f64"}) {
            k.put("variance_" + t, 9);
            k.put("log_softmax_" + t, 4);
            k.put("softmax_" + t, 4);
            k.put("log_softmax_backward_" + t, 5);
            k.put("softmax_backward_" + t, 5);
            k.put("nll_forward_" + t, 6);
            k.put("nll_backward_" + t, 7);
            k.put("sgd_step_" + t, 10);
            k.put("adam_step_" + t, 12);
            k.put("rand_uniform_" + t, 6);
            k.put("rand_normal_" + t, 6);
        }
        k.put("sgemm_f32", 11);
        k.put("gemm_f64", 11);
        k.put("gemm_i64", 11);
        return k;
    }

    @Test
    void thePtxHasEveryKernelWithItsParameters() {
        Map<String, Integer> found = new HashMap<>();
        for (String file : CudaKernels.list()) {
            String ptx = CudaKernels.resource(file);
            assertTrue(ptx.contains(".version") && ptx.contains(".target"), file + " does not look like PTX");
            Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)").matcher(ptx);
            while (m.find()) {
                found.put(m.group(1), m.group(2).split("\\.param", -1).length - 1);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expectedKernels().entrySet()) {
            Integer n = found.get(e.getKey());
            if (n == null) {
                problems.add(e.getKey() + " is missing");
            } else if (!n.equals(e.getValue())) {
                problems.add(e.getKey() + " takes " + n + " parameters, the host passes " + e.getValue());
            }
        }
        assertTrue(problems.isEmpty(), "PTX vs host: " + problems);
    }
}
