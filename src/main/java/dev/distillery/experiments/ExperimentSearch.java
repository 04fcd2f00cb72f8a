package dev.distillery.experiments;

import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/**
 * Filters of the experiment search; null fields do not filter. All tags must match.
 *
 * @param nameContains case-insensitive substring of the name
 */
public record ExperimentSearch(ExperimentStatus status, String method, Map<String, String> tags, String nameContains) {

    Specification<Experiment> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (status != null) {
                predicates.add(cb.equal(root.get("status"), status));
            }
            if (method != null) {
                predicates.add(cb.equal(root.get("method"), method));
            }
            if (nameContains != null && !nameContains.isBlank()) {
                predicates.add(
                        cb.like(cb.lower(root.get("name")), "%" + escape(nameContains.toLowerCase()) + "%", '\\'));
            }
            tags.forEach((key, value) -> {
                MapJoin<Experiment, String, String> tag = root.joinMap("tags");
                predicates.add(cb.and(cb.equal(tag.key(), key), cb.equal(tag.value(), value)));
            });
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
