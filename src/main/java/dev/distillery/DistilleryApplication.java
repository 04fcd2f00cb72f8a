package dev.distillery;

import dev.distillery.training.LibTorchThreadsListener;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

// no generated user and password: keys are the only credentials (see access.SecurityConfiguration)
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class DistilleryApplication {

    public static void main(String[] args) {
        DjlDefaults.apply();
        SpringApplication application = new SpringApplication(DistilleryApplication.class);
        application.addListeners(new LibTorchThreadsListener());
        application.run(args);
    }

    /**
     * DJL settings that must be in place before its engine loads, unless the launcher set them: never
     * download (the native library comes from the Maven-shipped jar) and extract it under the data
     * directory. The thread pools follow the configuration ({@link LibTorchThreadsListener}).
     */
    static final class DjlDefaults {

        private DjlDefaults() {}

        static void apply() {
            String dataDir = System.getenv()
                    .getOrDefault(
                            "DISTILLERY_DATA_DIR",
                            Path.of(System.getProperty("user.home"), ".distillery")
                                    .toString());
            setIfAbsent("ai.djl.offline", "true");
            if (System.getenv("DJL_CACHE_DIR") == null) {
                setIfAbsent("DJL_CACHE_DIR", Path.of(dataDir, "djl-cache").toString());
            }
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }
}
