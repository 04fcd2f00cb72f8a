package dev.distillery.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real key in a header line Tomcat rejects as malformed (a control character after it) never reaches the log, at
 * any level: Tomcat's loggers run at TRACE here, and the same line is sent three times (Tomcat logs the first at INFO
 * and later ones at DEBUG).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "distillery.workers=0",
            "distillery.devices=cpu",
            "logging.level.org.apache=TRACE",
            "logging.level.org.springframework.web=DEBUG"
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RejectedHeaderLoggingTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 100);
    }

    @Test
    void aMalformedHeaderLineWithARealKeyIsAnsweredButNeverLogged(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("X-API-Key: " + TestKeys.ALICE + "\u0001")).startsWith("HTTP/1.1 400");
            assertThat(send("Authorization: Bearer " + TestKeys.ADMIN + "\u0001"))
                    .startsWith("HTTP/1.1 400");
        }
        assertThat(send("X-API-Key: " + TestKeys.READER)).startsWith("HTTP/1.1 200");

        assertThat(output.getAll())
                .as("Tomcat logged at TRACE")
                .contains("org.apache")
                .doesNotContain(TestKeys.ALICE)
                .doesNotContain(TestKeys.ADMIN)
                .doesNotContain(TestKeys.READER);
    }

    private String send(String header) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/experiments HTTP/1.1\r\nHost: localhost\r\n" + header
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
