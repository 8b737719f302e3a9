package org.workbook.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhaseWindows}' split of an image into its four stride-2 phases, and the way back, through
 * the Vector API's gather loads: a phase row (every other element of an image row) is one gather
 * of a vector's lanes, and an image row from two phase rows one gather that interleaves them. The
 * scalar loops moved one element per step through rows of 14 or 28 (a fifth of lesson 05's
 * convolution layer). A vector is stored whole, so its lanes past a row's end land on the next
 * row: rows are written in memory order, so that row's own store overwrites them, and a store that
 * would pass the end of what the call may write (or a gather that would read past its array) is
 * done element by element instead. Only copies: the same bits as the scalar loops.
 * Callers branch on {@link Simd#ENABLED} first: this class is loaded only when it is true.
 */
final class SimdPhases {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = F.length();
    /** Lane k reads element 2k: every other element, from the first one read. */
    private static final int[] EVEN = new int[N];

    static {
        for (int k = 0; k < N; k++) {
            EVEN[k] = 2 * k;
        }
    }

    private SimdPhases() { }

    /**
     * The four phases of one image plane x[src..] ([h][w], both even) into buf: phase (py, px)
     * at at + (2·py + px)·planes, its row a (w/2 wide) = image row 2a + py, columns px, px + 2, ...;
     * writes nothing at or past end.
     */
    static void split(float[] x, int src, int h, int w, float[] buf, int at, int planes, int end) {
        int wp = w / 2;
        for (int ph = 0; ph < 4; ph++) {
            int py = ph >> 1;
            int px = ph & 1;
            for (int a = 0, d = at + ph * planes; a < h / 2; a++, d += wp) {
                int from = src + (2 * a + py) * w + px;
                int k = 0;
                for (; k < wp; k += N) {
                    if (from + 2 * (k + N - 1) >= x.length || d + k + N > end) {
                        break;
                    }
                    FloatVector.fromArray(F, x, from + 2 * k, EVEN, 0).intoArray(buf, d + k);
                }
                for (; k < wp; k++) {
                    buf[d + k] = x[from + 2 * k];
                }
            }
        }
    }

    /**
     * The way back: image plane gx[dst..] ([h][w], both even) from the four phases in buf as
     * {@link #split} lays them out; writes nothing at or past end. map: {@link #interleave}(planes).
     */
    static void merge(float[] buf, int at, int planes, int h, int w, float[] gx, int dst, int end, int[] map) {
        int wp = w / 2;
        int half = N / 2;
        for (int r = 0; r < h; r++) {
            int row = at + (r & 1) * 2 * planes + (r >> 1) * wp;
            int to = dst + r * w;
            int k = 0;
            for (; k < wp; k += half) {
                if (row + k + planes + half > buf.length || to + 2 * k + N > end) {
                    break;
                }
                FloatVector.fromArray(F, buf, row + k, map, 0).intoArray(gx, to + 2 * k);
            }
            for (; k < wp; k++) {
                gx[to + 2 * k] = buf[row + k];
                gx[to + 2 * k + 1] = buf[row + planes + k];
            }
        }
    }

    /** The gather map of {@link #merge}: lane 2k reads element k of phase column 0, lane 2k + 1 of column 1. */
    static int[] interleave(int planes) {
        int[] map = new int[N];
        for (int k = 0; k < N / 2; k++) {
            map[2 * k] = k;
            map[2 * k + 1] = planes + k;
        }
        return map;
    }
}
