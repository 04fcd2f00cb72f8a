package dev.distillery.access;

import dev.distillery.shared.Caller;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The key of the request being handled; empty when security is off or the request came without a key. */
@Component
public class CurrentCaller {

    public Optional<ApiKeyHolder> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiKeyAuthentication key ? Optional.of(key.caller()) : Optional.empty();
    }

    /** The request's caller for domain code: its key, or {@link Caller#ANONYMOUS} without one. */
    public Caller caller() {
        return get().map(ApiKeyHolder::asCaller).orElse(Caller.ANONYMOUS);
    }
}
