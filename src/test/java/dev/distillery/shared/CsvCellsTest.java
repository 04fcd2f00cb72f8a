package dev.distillery.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP's CSV-injection list, each leading character alone. */
class CsvCellsTest {

    @Test
    void eachFormulaStartIsPrefixedWithAQuote() {
        assertThat(CsvCells.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvCells.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvCells.cell("-1+1")).isEqualTo("'-1+1");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvCells.cell("a,=b")).isEqualTo("\"a,=b\"");
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertThat(CsvCells.cell(-0.5)).isEqualTo("-0.5");
        assertThat(CsvCells.cell("-0.5")).isEqualTo("-0.5");
        assertThat(CsvCells.cell("-1e-3")).isEqualTo("-1e-3");
        assertThat(CsvCells.cell(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(CsvCells.cell("kd mlp on synthetic")).isEqualTo("kd mlp on synthetic");
        assertThat(CsvCells.cell(null)).isEmpty();
    }
}
