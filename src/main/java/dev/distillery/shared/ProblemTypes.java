package dev.distillery.shared;

import java.net.URI;

/** The {@code type} URIs of the problem details this API answers with. */
public final class ProblemTypes {

    public static final URI INVALID_REQUEST = URI.create("urn:problem-type:distillery:invalid-request");
    public static final URI MALFORMED_BODY = URI.create("urn:problem-type:distillery:malformed-body");
    /** A request the HTTP server itself refused before the application saw it (URI, request line, headers). */
    public static final URI MALFORMED_REQUEST = URI.create("urn:problem-type:distillery:malformed-request");

    public static final URI NOT_FOUND = URI.create("urn:problem-type:distillery:not-found");
    public static final URI UNPROCESSABLE = URI.create("urn:problem-type:distillery:unprocessable");
    public static final URI UNAUTHORIZED = URI.create("urn:problem-type:distillery:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:problem-type:distillery:forbidden");
    /** A URL Spring Security's firewall refuses (encoded line breaks, "..", ";" and the like). */
    public static final URI REJECTED_REQUEST = URI.create("urn:problem-type:distillery:rejected-request");

    public static final URI TOO_MANY_REQUESTS = URI.create("urn:problem-type:distillery:too-many-requests");
    public static final URI NOT_ACCEPTABLE = URI.create("urn:problem-type:distillery:not-acceptable");
    public static final URI CONFLICT = URI.create("urn:problem-type:distillery:conflict");
    public static final URI REQUEST_TIMEOUT = URI.create("urn:problem-type:distillery:request-timeout");
    public static final URI DATABASE_UNAVAILABLE = URI.create("urn:problem-type:distillery:database-unavailable");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:problem-type:distillery:payload-too-large");
    public static final URI INTERNAL = URI.create("urn:problem-type:distillery:internal-error");

    private ProblemTypes() {}
}
