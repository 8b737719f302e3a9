package org.workbook.backend.cuda;

import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;

/**
 * A kernel's arguments in the order of its C signature (lib/src/main/cuda/workbook.cuh).
 * cuLaunchKernel wants an array of pointers to each argument's bytes; structs travel
 * as int arrays of the same layout.
 */
final class KernelArgs {
    private final List<Pointer> args = new ArrayList<>();

    KernelArgs i(int v) {
        args.add(Pointer.to(new int[] {v}));
        return this;
    }

    KernelArgs l(long v) {
        args.add(Pointer.to(new long[] {v}));
        return this;
    }

    KernelArgs d(double v) {
        args.add(Pointer.to(new double[] {v}));
        return this;
    }

    /** A device address (a pointer parameter). */
    KernelArgs ptr(long address) {
        return l(address);
    }

    /** A struct passed by value, given as its int fields. */
    KernelArgs struct(int[] fields) {
        args.add(Pointer.to(fields.clone()));
        return this;
    }

    /** Appends the arguments of {@code tail} to {@code args}. */
    static void append(KernelArgs args, KernelArgs tail) {
        args.args.addAll(tail.args);
    }

    int size() {
        return args.size();
    }

    Pointer pointer() {
        return Pointer.to(args.toArray(new Pointer[0]));
    }
}
