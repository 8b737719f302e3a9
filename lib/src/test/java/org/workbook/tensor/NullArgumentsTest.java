package org.workbook.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.workbook.nn.Linear;
import org.workbook.ops.WhereOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A null passed into an op is named as PyTorch names the argument, never by the library's internals. */
class NullArgumentsTest {
    private static final Tensor X = Tensors.ones(2, 2);
    private static final String WHY = " (a variable not assigned yet, or a method that returned null?)";

    private static void says(String expected, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(expected + WHY, e.getMessage());
    }

    @Test
    void binaryOpsNameTheOtherArgument() {
        says("add(): argument 'other' must be a Tensor, not null", () -> X.add((Tensor) null));
        says("mul(): argument 'other' must be a Tensor, not null", () -> X.mul((Tensor) null));
        says("lt(): argument 'other' must be a Tensor, not null", () -> X.lt((Tensor) null));
        says("add_(): argument 'other' must be a Tensor, not null", () -> X.clone().add_((Tensor) null));
    }

    @Test
    void matmulAndWhereNameTheirArguments() {
        says("matmul(): argument 'other' must be a Tensor, not null", () -> X.matmul(null));
        says("where(): argument 'condition' must be a Tensor, not null", () -> WhereOp.where(null, X, X));
    }

    @Test
    void aLayerNamesItsInput() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Linear(2, 3).apply(null));
        assertEquals("Linear.forward: the input x is null", e.getMessage());
    }

    @Test
    void theTraceStartsWhereTheNullCameFrom() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> X.add((Tensor) null));
        assertEquals(NullArgumentsTest.class.getName(), e.getStackTrace()[0].getClassName().replaceAll("\\$.*", ""),
            "the library's own frames are left out of the trace");
    }
}
