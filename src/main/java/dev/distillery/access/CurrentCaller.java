package dev.distillery.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The key of the request being handled; empty when security is off or the request came without a key. */
@Component
public class CurrentCaller {

    public Optional<Caller> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiKeyAuthentication key ? Optional.of(key.caller()) : Optional.empty();
    }
}
