package dev.distillery.comparison.web;

import java.util.Comparator;
import org.springframework.http.MediaType;

/** Whether a request's Accept header prefers CSV over JSON (JSON when absent or a tie). */
final class CsvNegotiation {

    static final String CSV = "text/csv";
    private static final MediaType CSV_TYPE = MediaType.parseMediaType(CSV);

    private CsvNegotiation() {}

    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .filter(type -> type.includes(CSV_TYPE) || type.includes(MediaType.APPLICATION_JSON))
                .findFirst()
                .map(type -> !type.isWildcardType() && type.isCompatibleWith(CSV_TYPE))
                .orElse(false);
    }
}
