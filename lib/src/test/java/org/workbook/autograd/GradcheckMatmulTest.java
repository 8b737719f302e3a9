package org.workbook.autograd;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.Tensor;

/**
 * Gradcheck of matmul in every rank combination torch allows (1-D x 1-D dot, vector-matrix,
 * matrix-vector, matrix-matrix, batched with broadcast batch dims), mm, dot and outer.
 */
class GradcheckMatmulTest {
    /** Shapes of a and b, with m, k, n, batch sizes filled in from the seed. */
    enum Ranks {
        DOT("k", "k"), VEC_MAT("k", "k,n"), MAT_VEC("m,k", "k"), MAT_MAT("m,k", "k,n"),
        BATCH_BATCH("p,m,k", "p,k,n"), BATCH_MAT("p,m,k", "k,n"), MAT_BATCH("m,k", "p,k,n"),
        BROADCAST_BATCH("q,1,m,k", "p,k,n"), BROADCAST_ONE("1,m,k", "q,p,k,n"), VEC_BATCH("k", "p,k,n"),
        BATCH_VEC("q,p,m,k", "k");

        final String a;
        final String b;

        Ranks(String a, String b) {
            this.a = a;
            this.b = b;
        }
    }

    static Stream<Arguments> cases() {
        return GradAssert.everyLayout(List.of(Ranks.values()), 400);
    }

    private static int[] dims(String spec, int[] sizes) {
        String[] parts = spec.split(",");
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            d[i] = switch (parts[i]) {
                case "m" -> sizes[0];
                case "k" -> sizes[1];
                case "n" -> sizes[2];
                case "p" -> sizes[3];
                case "q" -> sizes[4];
                default -> Integer.parseInt(parts[i]);
            };
        }
        return d;
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void matmul(Ranks rk, Layout layout, int seed) {
        Random r = new Random(seed);
        int[] sizes = {1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(4), 2 + r.nextInt(2), 2};
        Tensor a = GradAssert.values(r, dims(rk.a, sizes), -1, 1, 0);
        Tensor b = GradAssert.values(r, dims(rk.b, sizes), -1, 1, 0);
        Tensor la = GradAssert.leafFor(layout, a);
        Tensor lb = GradAssert.leafFor(layout, b);
        GradAssert.check("matmul " + GradAssert.shapes(a, b) + " [" + layout + "]",
            xs -> layout.view(xs[0]).matmul(layout.view(xs[1])), la, lb);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mmDotOuter(int seed) {
        Random r = new Random(seed);
        int m = 1 + r.nextInt(4);
        int k = 1 + r.nextInt(4);
        int n = 1 + r.nextInt(4);
        GradAssert.check("mm", xs -> xs[0].mm(xs[1].t()), GradAssert.values(r, new int[] {m, k}, -1, 1, 0),
            GradAssert.values(r, new int[] {n, k}, -1, 1, 0));
        GradAssert.check("dot", xs -> xs[0].dot(xs[1]), GradAssert.values(r, new int[] {k}, -1, 1, 0),
            GradAssert.values(r, new int[] {k}, -1, 1, 0));
        GradAssert.check("outer", xs -> xs[0].outer(xs[1]), GradAssert.values(r, new int[] {m}, -1, 1, 0),
            GradAssert.values(r, new int[] {n}, -1, 1, 0));
        GradAssert.check("x @ x.T", xs -> xs[0].matmul(xs[0].t()), GradAssert.values(r, new int[] {m, k}, -1, 1, 0));
    }

    static Stream<Integer> seeds() {
        return Stream.of(500, 501, 502, 503);
    }
}
