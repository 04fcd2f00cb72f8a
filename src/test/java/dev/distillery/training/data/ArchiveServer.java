package dev.distillery.training.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server (loopback only) serving one file; the first {@code interruptions} requests announce the whole
 * length but break the connection off after half of it.
 */
public final class ArchiveServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public ArchiveServer(String name, byte[] content, int interruptions) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/" + name, exchange -> {
            int request = requests.incrementAndGet();
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            if (request <= interruptions) {
                body.write(content, 0, content.length / 2);
                body.flush();
                throw new IOException("connection broken off on purpose after half of the file");
            }
            body.write(content);
            body.close();
        });
        server.start();
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
