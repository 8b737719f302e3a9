package org.workbook.tensor;

/**
 * torch's version counter: one per storage alias group. Views and detach() share it
 * with their base, so a saved tensor notices a write made through any alias;
 * {@code data()} gets its own, as torch's {@code .data} (writes through it are
 * invisible to autograd, the documented escape hatch).
 */
final class VersionCounter {
    int value;
}
