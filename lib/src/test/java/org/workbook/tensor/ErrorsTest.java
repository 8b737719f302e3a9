package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import org.junit.jupiter.api.Test;

/**
 * The messages students meet most: broadcasting mismatches name both sizes and the
 * dimension exactly as torch does (plus both shapes and the fix); the rest of the
 * core's errors are asserted beside the features they guard.
 */
class ErrorsTest {
    static final String TORCH = "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
        + "dimension 1";

    static void broadcastError(Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(TORCH), e.getMessage());
        assertTrue(e.getMessage().contains("Shapes: a ["), "names both shapes: " + e.getMessage());
    }

    @Test
    void broadcastMismatchEverywhere() {
        Tensor a = zeros(2, 3);
        Tensor b = zeros(2, 4);
        broadcastError(() -> a.add(b));
        broadcastError(() -> a.sub(b));
        broadcastError(() -> a.mul(b));
        broadcastError(() -> a.div(b));
        broadcastError(() -> a.pow(b));
        broadcastError(() -> a.maximum(b));
        broadcastError(() -> a.lt(b));
        broadcastError(() -> a.eq(b));
        broadcastError(() -> a.bool().logicalAnd(b.bool()));
        broadcastError(() -> Tensor.where(a.gt(0), a, b));
        broadcastError(() -> a.add_(b));
        broadcastError(() -> zeros(3, 5).add(zeros(2, 4, 5))); // dims count from the left of the broadcast shape
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(3).add(zeros(4)));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0. "
            + "Shapes: a [3], b [4]. Broadcasting aligns trailing dimensions; each pair must be equal or 1 (add a "
            + "dimension with get(\":, None\") or reshape one operand).", e.getMessage());
        assertEquals(3, zeros(3, 1).add(zeros(4)).size(0), "size-1 dims broadcast");
    }

    @Test
    void shapesAndDevices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zeros(1 << 16, 1 << 16));
        assertTrue(e.getMessage().startsWith("A tensor of shape [65536, 65536] has 4294967296 elements; at most "
            + Integer.MAX_VALUE + " fit in one tensor."), e.getMessage());
        if (!Device.cudaAvailable()) {
            IllegalStateException u = assertThrows(IllegalStateException.class, () -> tensor(1.0).cuda());
            assertTrue(u.getMessage().startsWith("CUDA device cuda:0 requested, but CUDA is not available here: "),
                u.getMessage());
            assertTrue(u.getMessage().contains("Use Device.CPU"), "names the fix: " + u.getMessage());
        }
        assertEquals(tensor(1.0).cpu().item(), 1.0);
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> tensor(1.0, 2.0).longItem());
        assertTrue(s.getMessage().startsWith("a Tensor with 2 elements cannot be converted to Scalar"));
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
            () -> tensor(1.0).setGrad(tensor(1.0, 2.0)));
        assertEquals("assigned grad has shape [2] but the tensor has shape []", g.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class, () -> arange(3).log().add(1)
            .mul(zeros(2)));
        assertTrue(i.getMessage().contains("must match"), i.getMessage());
    }
}
