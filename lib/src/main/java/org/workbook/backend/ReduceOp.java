package org.workbook.backend;

/** Reductions over some dimensions. MEAN and VAR divide in the backend; ARG* give int64 indices. */
public enum ReduceOp {
    SUM, MEAN, PROD, MAX, MIN, ARGMAX, ARGMIN, ALL, ANY
}
