package org.workbook.backend;

/**
 * Elementwise one-input primitives every backend implements. Parameterised ones
 * read their parameters (p1, p2) from the call: CLAMP (min, max; NaN = none),
 * POW_SCALAR (exponent), LEAKY_RELU (slope), ADD_SCALAR/MUL_SCALAR (the scalar).
 */
public enum UnaryOp {
    NEG, ABS, EXP, LOG, SQRT, SIGMOID, RELU, TANH, SIGN, FLOOR, CEIL, ROUND, RECIPROCAL, SIN, COS,
    SQUARE, LOG1P, EXPM1, CLAMP, POW_SCALAR, LEAKY_RELU;

    /** Ops whose result is floating even for integral input (torch promotes int64.exp() to float32). */
    public boolean needsFloat() {
        switch (this) {
            case EXP: case LOG: case SQRT: case SIGMOID: case TANH: case RECIPROCAL: case SIN: case COS:
            case LOG1P: case EXPM1:
                return true;
            default:
                return false;
        }
    }
}
