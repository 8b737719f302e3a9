package org.workbook.runner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadlinesTest {
    @ParameterizedTest
    @CsvSource({
        "0.9511, 0.9511, same",
        "0.95114, 0.9511, same",
        "0.9516, 0.9511, DIFFERS",
        "2.4219, 2.42, same",
        "12, 12, same",
        "13, 12, DIFFERS",
        "0.9677, ≈0.9696, close",
        "0.90, ≈0.9696, DIFFERS",
        "'torch.Size([3, 28, 28])', 'torch.Size([3, 28, 28])', same",
        "'torch.Size([3, 28])', 'torch.Size([3, 28, 28])', DIFFERS",
    })
    void oursAgreesWhenItRoundsToTheCoursesPrecision(String ours, String course, String verdict) {
        assertEquals(verdict, new Headlines.Headline("nb", "figure", ours, course).verdict());
    }
}
