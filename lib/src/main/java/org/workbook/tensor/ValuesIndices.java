package org.workbook.tensor;

/**
 * What {@code max(dim)} and {@code min(dim)} return: the extreme values and where
 * they are, printed like torch's {@code torch.return_types.max(values=..., indices=...)}.
 */
public record ValuesIndices(Tensor values, Tensor indices, String op) {
    @Override
    public String toString() {
        return "torch.return_types." + op + "(\nvalues=" + values + ",\nindices=" + indices + ")";
    }
}
