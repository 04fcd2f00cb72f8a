package dev.distillery.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that takes longer than {@code distillery.api.request-receive-timeout}. */
class RequestTimeoutException extends IOException {

    RequestTimeoutException() {
        super("the request body did not arrive within distillery.api.request-receive-timeout");
    }
}
