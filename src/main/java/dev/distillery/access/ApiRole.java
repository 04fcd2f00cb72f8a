package dev.distillery.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a key may do; each role includes the ones before it. */
public enum ApiRole {
    /** every GET: experiments, metrics, comparisons, checkpoints */
    READER,
    /** also submit experiments and sweeps, and cancel its own experiments */
    SUBMITTER,
    /** everything: cancel any experiment, manage keys */
    ADMIN;

    /** The given roles and every role they include, in order (reader, submitter, admin). */
    public static Set<ApiRole> expand(Collection<ApiRole> given) {
        Set<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
        given.forEach(role -> roles.addAll(EnumSet.range(READER, role)));
        return Collections.unmodifiableSet(roles);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ApiRole parse(String label) {
        for (ApiRole role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "'; known: reader, submitter, admin");
    }
}
