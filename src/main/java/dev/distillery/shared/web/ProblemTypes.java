package dev.distillery.shared.web;

import java.net.URI;

/** The {@code type} URIs of the problem details this API answers with. */
final class ProblemTypes {

    static final URI INVALID_REQUEST = URI.create("urn:problem-type:distillery:invalid-request");
    static final URI MALFORMED_BODY = URI.create("urn:problem-type:distillery:malformed-body");
    /** A request the HTTP server itself refused before the application saw it (URI, request line, headers). */
    static final URI MALFORMED_REQUEST = URI.create("urn:problem-type:distillery:malformed-request");
    static final URI NOT_FOUND = URI.create("urn:problem-type:distillery:not-found");
    static final URI UNPROCESSABLE = URI.create("urn:problem-type:distillery:unprocessable");
    static final URI FORBIDDEN = URI.create("urn:problem-type:distillery:forbidden");
    static final URI TOO_MANY_REQUESTS = URI.create("urn:problem-type:distillery:too-many-requests");
    static final URI NOT_ACCEPTABLE = URI.create("urn:problem-type:distillery:not-acceptable");
    static final URI CONFLICT = URI.create("urn:problem-type:distillery:conflict");
    static final URI PAYLOAD_TOO_LARGE = URI.create("urn:problem-type:distillery:payload-too-large");
    static final URI INTERNAL = URI.create("urn:problem-type:distillery:internal-error");

    private ProblemTypes() {
    }
}
