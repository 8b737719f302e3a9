package org.workbook.backend;

/** Elementwise two-input primitives; comparisons and logical ops produce bool. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("**"), MAXIMUM("maximum"), MINIMUM("minimum"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
    LOGICAL_AND("and"), LOGICAL_OR("or"), LOGICAL_XOR("xor");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for ops whose result is bool whatever the inputs. */
    public boolean isPredicate() {
        return ordinal() >= LT.ordinal();
    }

    public boolean isLogical() {
        return ordinal() >= LOGICAL_AND.ordinal();
    }
}
