package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Type promotion against torch's own result types (golden/tensor/promotion.txt: every
 * dtype pair as dimensioned or 0-d operands, and with Java numbers), then dtype
 * conversions and reading values out.
 */
class PromotionTest {
    static DType dtype(String torchShort) {
        for (DType d : DType.values()) {
            if (d.torchName().equals("torch." + torchShort)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + torchShort);
    }

    static Tensor operand(String spec) {
        String[] p = spec.split(":");
        DType dt = dtype(p[0]);
        return p[1].equals("dim") ? ones(dt, 2) : ones(dt);
    }

    static List<String[]> table() throws IOException {
        try (InputStream in = PromotionTest.class.getResourceAsStream("/golden/tensor/promotion.txt")) {
            assertNotNull(in, "golden/tensor/promotion.txt is missing: run bench/golden/gen_tensor_print.py");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split(" ")).toList();
        }
    }

    /** One test over the ~650 table rows (one parameterized case each would cost seconds); lists every miss. */
    @Test
    void resultTypeMatchesTorch() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<String[]> rows = table();
        assertTrue(rows.size() > 600, "promotion table too short: " + rows.size());
        for (String[] row : rows) {
            String op = row[0];
            String a = row[1];
            String b = row[2];
            Tensor x = operand(a);
            Tensor r;
            if (b.endsWith(":number")) {
                boolean pyInt = b.startsWith("int"); // a Python int is a Java long, a Python float a double
                r = switch (op) {
                    case "add" -> pyInt ? x.add(2L) : x.add(2.5);
                    case "div" -> pyInt ? x.div(2L) : x.div(2.5);
                    case "lt" -> pyInt ? x.lt(2L) : x.lt(2.5);
                    default -> throw new IllegalArgumentException(op);
                };
            } else {
                Tensor y = operand(b);
                r = switch (op) {
                    case "add" -> x.add(y);
                    case "div" -> x.div(y);
                    case "lt" -> x.lt(y);
                    case "maximum" -> x.maximum(y);
                    default -> throw new IllegalArgumentException(op);
                };
            }
            if (r.dtype() != dtype(row[3])) {
                wrong.add(op + "(" + a + ", " + b + ") gave " + r.dtype() + ", torch " + row[3]);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRulesStudentsMeet() {
        assertEquals(DType.FLOAT32, arange(3).mul(1.5).dtype(), "int tensor * 1.5");
        assertEquals(DType.INT64, arange(3).mul(2).dtype(), "int tensor * 2 stays int");
        assertEquals(DType.FLOAT64, arange(3).add(tensor(DType.FLOAT64, 1, 2, 3)).dtype(), "int64 + float64");
        assertEquals(DType.BOOL, arange(3).lt(tensor(1.0, 2.0, 3.0)).dtype(), "comparisons give bool");
        assertEquals(DType.FLOAT32, arange(3).div(arange(1, 4)).dtype(), "int / int is true division");
        assertArrayEquals(new float[] {0f, 0.5f, 2f / 3}, arange(3).div(arange(1, 4)).toFloatArray());
        assertEquals(DType.INT64, arange(3).add(tensor(2.5).toLong()).dtype());
        // A 0-d tensor only decides when it is of a higher category than the dimensioned one.
        assertEquals(DType.FLOAT32, tensor(1.0, 2.0).add(Tensor.scalar(1, DType.FLOAT64)).dtype());
        assertEquals(DType.FLOAT64, arange(2).add(Tensor.scalar(1, DType.FLOAT64)).dtype());
        assertEquals(DType.INT32, arange(2).toInt().add(tensor(5)).dtype());
        assertEquals(DType.FLOAT64, tensor(3).add(Tensor.scalar(1.5, DType.FLOAT64)).dtype(), "two 0-d tensors");
        assertEquals(DType.FLOAT32, tensor(3).mul(2.5).dtype());
        assertEquals(DType.FLOAT32, tensor(3).exp().dtype());
        assertEquals(DType.FLOAT32, arange(3).mul(2.0).dtype(), "a Java double is a Python float: int tensor * 2.0");
        assertThrows(IllegalArgumentException.class, () -> arange(4).mean(), "mean of ints: torch refuses");
        assertEquals(DType.INT64, tensor(true, false).sum().dtype());
    }

    static final double[] SAMPLES = {-2.7, -0.5, -0.0, 0, 0.5, 2.7, 300, Double.NaN};

    @Test
    void conversionsFollowCCasts() {
        Tensor f = tensor(DType.FLOAT64, SAMPLES);
        assertArrayEquals(new long[] {-2, 0, 0, 0, 0, 2, 300}, f.get(":-1").toLong().toLongArray(),
            "float -> int64 truncates toward zero");
        assertArrayEquals(new int[] {-2, 0, 0, 0, 0, 2, 300}, f.get(":-1").toInt().toIntArray());
        assertArrayEquals(new boolean[] {true, true, false, false, true, true, true, true}, f.bool().toBooleanArray(),
            "bool: non-zero (NaN too) is true");
        assertArrayEquals(new float[] {-2.7f, -0.5f, -0.0f, 0f, 0.5f, 2.7f, 300f, Float.NaN}, f.toFloat().toFloatArray());
        Tensor u = Tensors.fromUint8(new byte[] {0, 1, (byte) 200, (byte) 255}, 4);
        assertArrayEquals(new long[] {0, 1, 200, 255}, u.toLongArray(), "uint8 reads as 0..255");
        assertArrayEquals(new double[] {0, 1, 200, 255}, u.toFloat().toDoubleArray());
        assertArrayEquals(new long[] {1, 0, 1}, tensor(true, false, true).toLong().toLongArray());
        assertArrayEquals(new double[] {1, 0}, tensor(true, false).toDouble().toDoubleArray());
        assertEquals(9007199254740993L, tensor(9007199254740993L).getLong(), "int64 kept exactly");
        assertEquals(DType.INT64, tensor(5L).dtype(), "tensor(5L) is int64, not tensor(double)");
        for (DType d : DType.values()) {
            Tensor t = arange(3).to(d);
            assertEquals(d, t.dtype());
            assertSame(t, t.to(d), "to(its own dtype) is the tensor itself");
        }
        Tensor x = tensor(1.0, 2.0);
        assertSame(x, x.toFloat());
        Tensor d = x.toDouble();
        assertNotSame(x.storage(), d.storage(), "a conversion copies");
        assertEquals(DType.FLOAT64, d.dtype());
        // Conversions read through strides.
        Tensor v = arange(6).view(2, 3).t();
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, v.toDouble().toDoubleArray());
    }

    @Test
    void valuesOut() {
        Tensor m = tensor(new int[][] {{1, 2}, {3, 4}}).t();
        assertEquals(List.of(List.of(1L, 3L), List.of(2L, 4L)), m.toList());
        assertEquals(List.of(1.5, -2.0), tensor(1.5, -2.0).toList());
        assertEquals(List.of(true, false), tensor(true, false).toList());
        assertEquals(2.5, tensor(2.5).toList());
        assertEquals(List.of(), Tensors.zeros(0).toList());
        assertArrayEquals(new float[] {1, 3, 2, 4}, m.toFloatArray());
        assertArrayEquals(new long[] {1, 3, 2, 4}, m.toLongArray());
        assertArrayEquals(new double[][] {{1, 3}, {2, 4}}, m.toDoubleArray2d());
        assertEquals(4.0, m.get("1, 1").item());
        assertEquals(7.0, tensor(new int[][] {{7}}).item(), "one element of any rank");
        assertEquals(Long.MAX_VALUE, tensor(Long.MAX_VALUE).longItem());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.item());
        assertTrue(e.getMessage().startsWith("a Tensor with 4 elements cannot be converted to Scalar"), e.getMessage());
        assertEquals(torchSize(2, 2), m.shape().toString());
        assertEquals(2, m.size(-1));
        assertEquals(2, m.ndim());
        assertEquals(4, m.numel());
        assertArrayEquals(new int[] {1, 2}, m.stride());
        assertEquals(1, m.stride(0));
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class, () -> tensor(1.0).size(0));
        assertEquals("Dimension specified as 0 but tensor has no dimensions", o.getMessage());
        o = assertThrows(IndexOutOfBoundsException.class, () -> m.size(2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", o.getMessage());
        o = assertThrows(IndexOutOfBoundsException.class, () -> m.getDouble(0, 2));
        assertEquals("index 2 is out of bounds for dimension 1 with size 2", o.getMessage());
    }

    static String torchSize(int... s) {
        return "torch.Size(" + Arrays.toString(s) + ")";
    }
}
