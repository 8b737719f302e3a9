package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhaseWindows}' split of an image into its four stride-2 phases, and the way back, through
 * the Vector API's lane permutations: an image row's two phase rows (its even and its odd
 * elements) come from the same whole-vector loads, each permuted so its even (or odd) elements
 * come first, and blended; an image row from two phase rows, two loads permuted to repeat each
 * element twice and blended so the lanes alternate. Gather loads did the same with one
 * instruction, but a gather is slow on AMD's Zen cores (conv 8→16 of lesson 05: 2154 µs with
 * gathers, 1926 µs with permutations, on a Zen 4) and has no instruction at all on ARM's NEON
 * (Apple's laptops), where the Vector API would fall back to a loop; a permutation and a blend are
 * one instruction each on AVX2, AVX-512 and NEON. The scalar loops moved one element per step
 * through rows of 14 or 28 (a fifth of lesson 05's convolution layer). A vector is stored whole,
 * so its lanes past a row's end land on the next row, whose own store comes later and overwrites
 * them (an even phase's vectors stop short of the odd phase after it, written with it), and a
 * store that would pass the end of what the call may write (or a load that would read past its
 * array) is done element by element instead. Only copies: the same bits as the scalar loops. One
 * vector shape (the preferred one), as every SIMD class here ({@code OneVectorShapeTest}). Callers
 * branch on {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
final class SimdPhases {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = F.length();
    /** Lane j takes element 2j of the vector (mod N): the even elements of two vectors, blended. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(F, j -> 2 * j % N);
    /** Lane j takes element 2j + 1 (mod N): the odd elements. */
    private static final VectorShuffle<Float> ODDS = VectorShuffle.fromOp(F, j -> (2 * j + 1) % N);
    /** Lane j takes element j / 2: each of the first N/2 elements twice. */
    private static final VectorShuffle<Float> TWICE = VectorShuffle.fromOp(F, j -> j / 2);
    /** The upper half of the lanes: those that come from the second vector of a split. */
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, lanes() & -(1L << N / 2));
    /** The odd lanes: those that come from phase column 1 in a merge. */
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(F, lanes() & 0xAAAAAAAAAAAAAAAAL);

    private SimdPhases() { }

    private static long lanes() {
        return N == 64 ? -1L : (1L << N) - 1;
    }

    /**
     * The four phases of one image plane x[src..] ([h][w], both even) into buf: phase (py, px)
     * at at + (2·py + px)·planes, its row a (w/2 wide) = image row 2a + py, columns px, px + 2, ...;
     * writes nothing at or past end.
     */
    static void split(float[] x, int src, int h, int w, float[] buf, int at, int planes, int end) {
        int wp = w / 2;
        int rows = h / 2;
        int last = (wp - 1) / N * N; // a phase row's last vector starts there
        for (int py = 0; py < 2; py++) {
            // each image row 2a + py once: its even elements to phase (py, 0), its odd ones to (py, 1)
            int odd = at + (2 * py + 1) * planes;
            int d0 = at + 2 * py * planes;
            // The rows whose whole vectors fit: loads inside x, phase (py, 0)'s stores short of phase
            // (py, 1), whose first rows are written already, and phase (py, 1)'s short of end. Only the
            // last rows can fail (every bound grows with the row), so the test runs here, not per row:
            // a test and a scalar branch inside the copying loop made it twice as slow.
            int safe = rows;
            while (safe > 0 && (src + (2 * safe - 2 + py) * w + 2 * last + 2 * N > x.length
                    || d0 + (safe - 1) * wp + last + N > odd || d0 + (safe - 1) * wp + planes + last + N > end)) {
                safe--;
            }
            if (wp <= N) {
                for (int a = 0, d = d0; a < safe; a++, d += wp) {
                    // lanes below N/2 from the first vector, the rest from the second
                    int from = src + (2 * a + py) * w;
                    FloatVector lo = FloatVector.fromArray(F, x, from);
                    FloatVector hi = FloatVector.fromArray(F, x, from + N);
                    lo.rearrange(EVENS).blend(hi.rearrange(EVENS), UPPER).intoArray(buf, d);
                    lo.rearrange(ODDS).blend(hi.rearrange(ODDS), UPPER).intoArray(buf, d + planes);
                }
            } else {
                for (int a = 0, d = d0; a < safe; a++, d += wp) {
                    int from = src + (2 * a + py) * w;
                    for (int k = 0; k < wp; k += N) {
                        FloatVector lo = FloatVector.fromArray(F, x, from + 2 * k);
                        FloatVector hi = FloatVector.fromArray(F, x, from + 2 * k + N);
                        lo.rearrange(EVENS).blend(hi.rearrange(EVENS), UPPER).intoArray(buf, d + k);
                        lo.rearrange(ODDS).blend(hi.rearrange(ODDS), UPPER).intoArray(buf, d + planes + k);
                    }
                }
            }
            for (int a = safe, d = d0 + safe * wp; a < rows; a++, d += wp) {
                int from = src + (2 * a + py) * w;
                for (int k = 0; k < wp; k++) {
                    buf[d + k] = x[from + 2 * k];
                    buf[d + planes + k] = x[from + 2 * k + 1];
                }
            }
        }
    }

    /**
     * The way back: image plane gx[dst..] ([h][w], both even) from the four phases in buf as
     * {@link #split} lays them out; writes nothing at or past end.
     */
    static void merge(float[] buf, int at, int planes, int h, int w, float[] gx, int dst, int end) {
        int wp = w / 2;
        int half = N / 2;
        int last = (wp - 1) / half * half; // a phase row's last vector starts there
        // The image rows whose whole vectors fit (as in split: found once, not tested per row): loads
        // inside buf (bounded by the row pair's phase-(1, 1) row, the furthest), stores short of end.
        int safe = h;
        while (safe > 0 && (at + 3 * planes + (safe - 1) / 2 * wp + last + N > buf.length
                || dst + (safe - 1) * w + 2 * last + N > end)) {
            safe--;
        }
        for (int r = 0; r < safe; r++) {
            int row = at + (r & 1) * 2 * planes + (r >> 1) * wp;
            int to = dst + r * w;
            for (int k = 0; k < wp; k += half) {
                // even lanes: phase column 0's elements k, k+1, ...; odd lanes: column 1's
                FloatVector p0 = FloatVector.fromArray(F, buf, row + k);
                FloatVector p1 = FloatVector.fromArray(F, buf, row + planes + k);
                p0.rearrange(TWICE).blend(p1.rearrange(TWICE), ODD_LANES).intoArray(gx, to + 2 * k);
            }
        }
        for (int r = safe; r < h; r++) {
            int row = at + (r & 1) * 2 * planes + (r >> 1) * wp;
            int to = dst + r * w;
            for (int k = 0; k < wp; k++) {
                gx[to + 2 * k] = buf[row + k];
                gx[to + 2 * k + 1] = buf[row + planes + k];
            }
        }
    }
}
