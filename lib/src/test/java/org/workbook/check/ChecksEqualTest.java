package org.workbook.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.workbook.check.Checks.checkEqual;

/** checkEqual asks the expected value, so an answer cannot pass by claiming to equal anything. */
class ChecksEqualTest {
    private static final Object YES_MAN = new Object() {
        @Override
        public boolean equals(Object o) {
            return true;
        }

        @Override
        public int hashCode() {
            return 49;
        }
    };

    @Test
    void equalValuesPass() {
        checkEqual(49, 49);
        checkEqual(List.of(1, 2), new java.util.ArrayList<>(List.of(1, 2)));
        checkEqual(null, null);
    }

    @Test
    void anObjectThatEqualsEverythingFails() {
        assertThrows(AssertionError.class, () -> checkEqual(YES_MAN, 49));
        assertThrows(AssertionError.class, () -> checkEqual(YES_MAN, "forty-nine"));
        assertThrows(AssertionError.class, () -> checkEqual(YES_MAN, null));
        assertThrows(AssertionError.class, () -> checkEqual(null, 49));
    }
}
