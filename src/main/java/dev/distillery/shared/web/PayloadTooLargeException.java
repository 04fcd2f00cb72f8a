package dev.distillery.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the configured limit. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
