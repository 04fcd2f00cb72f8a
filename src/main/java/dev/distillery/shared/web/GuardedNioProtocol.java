package dev.distillery.shared.web;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol with a bound on the time to receive a request's headers. Tomcat's own timeout is per
 * read, so a client trickling a byte just within it keeps a connection for as long as its headers may be long; here a
 * watchdog closes every connection still parsing the headers of a request started more than
 * {@code headerTimeoutMillis} ago. Named by class in the connector ({@link ServerTimeouts}).
 */
public class GuardedNioProtocol extends Http11NioProtocol {

    private long headerTimeoutMillis = 30_000;
    private ScheduledExecutorService watchdog;

    public long getHeaderTimeoutMillis() {
        return headerTimeoutMillis;
    }

    /** Set by the connector from {@code distillery.api.request-receive-timeout}. */
    public void setHeaderTimeoutMillis(long headerTimeoutMillis) {
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    @Override
    public void start() throws Exception {
        super.start();
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-header-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(1000, headerTimeoutMillis / 4));
        watchdog.scheduleWithFixedDelay(this::closeSlowHeaders, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        super.stop();
    }

    private void closeSlowHeaders() {
        long now = System.nanoTime();
        for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
            if (connection.getCurrentProcessor() instanceof AbstractProcessor processor
                    && !processor.isAsync()
                    && !processor.isUpgrade()
                    && parsingSince(processor.getRequest(), now) > TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis)) {
                connection.close();
            }
        }
    }

    /**
     * Nanoseconds since the request's first byte while its request line and headers are incomplete, else 0. A request
     * whose headers are incomplete keeps its processor on the connection in stage PARSE, or ENDED once a read found
     * no more bytes (a complete request is in SERVICE or later, or has released its processor).
     */
    private static long parsingSince(Request request, long now) {
        long start = request.getStartTimeNanos();
        int stage = request.getRequestProcessor().getStage();
        boolean incomplete = stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED;
        return incomplete && start > 0 ? now - start : 0;
    }
}
