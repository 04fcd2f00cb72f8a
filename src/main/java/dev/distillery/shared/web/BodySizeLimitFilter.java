package dev.distillery.shared.web;

import dev.distillery.shared.ProblemResponses;
import dev.distillery.shared.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over {@code distillery.api.max-body-bytes} with 413: at once when the
 * declared length is too large, and while reading when a chunked body grows past the limit. Dataset archive
 * uploads have their own limit.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final ApiProperties properties;
    private final long receiveNanos;

    BodySizeLimitFilter(ApiProperties properties) {
        this.properties = properties;
        this.receiveNanos = properties.requestReceiveTimeout().toNanos();
    }

    /** Dataset uploads are streamed to disk under a limit of their own ({@code distillery.datasets.upload.*}). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getRequestURI().matches("/api/v1/datasets/[^/]+/archive");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = properties.bodyLimit(request.getMethod(), request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            reject(response, limit);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, System.nanoTime() + receiveNanos), response);
    }

    private static void reject(HttpServletResponse response, long limit) throws IOException {
        ProblemResponses.write(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "request body exceeds " + limit + " bytes");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final long deadline;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, long deadline) {
            super(request);
            this.limit = limit;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit, deadline);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private final long deadline;
        private long count;

        CountingStream(ServletInputStream delegate, long limit, long deadline) {
            this.delegate = delegate;
            this.limit = limit;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int bytes) throws IOException {
            count += bytes;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RequestTimeoutException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
