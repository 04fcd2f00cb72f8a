package dev.distillery.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API key. It keeps the caller only: the key itself is dropped once it has been checked. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyHolder caller;

    ApiKeyAuthentication(ApiKeyHolder caller) {
        super(caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    ApiKeyHolder caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}
