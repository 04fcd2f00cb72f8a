package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentSearch;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.shared.InvalidRequestException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Sort;

/** Parses the search query parameters, naming the parameter when one is wrong. */
final class SearchParameters {

    static final String DEFAULT_SORT = "createdAt,desc";
    private static final Set<String> SORTABLE =
            Set.of("createdAt", "startedAt", "finishedAt", "name", "status", "priority", "method");

    private SearchParameters() {}

    static ExperimentSearch search(String status, String method, List<String> tags, String name) {
        return new ExperimentSearch(status(status), method, tags(tags), name);
    }

    static Sort sort(String sort) {
        String[] parts = sort.split(",", -1);
        String property = parts[0].trim();
        if (!SORTABLE.contains(property) || parts.length > 2) {
            throw new InvalidRequestException(
                    "sort",
                    "must be '<field>[,asc|desc]' with field one of "
                            + String.join(", ", SORTABLE.stream().sorted().toList()));
        }
        String direction = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidRequestException("sort", "direction must be asc or desc");
        }
        Sort primary = Sort.by(Sort.Direction.fromString(direction), property);
        return primary.and(Sort.by(Sort.Direction.DESC, "createdAt")).and(Sort.by("id"));
    }

    private static ExperimentStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ExperimentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException("status", "must be one of " + Arrays.toString(ExperimentStatus.values()));
        }
    }

    private static Map<String, String> tags(List<String> tags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            int colon = tag.indexOf(':');
            if (colon <= 0) {
                throw new InvalidRequestException("tag", "must be key:value, got '" + tag + "'");
            }
            parsed.put(tag.substring(0, colon), tag.substring(colon + 1));
        }
        return parsed;
    }
}
