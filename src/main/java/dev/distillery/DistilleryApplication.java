package dev.distillery;

import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// no generated user and password: keys are the only credentials (see access.SecurityConfiguration)
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class DistilleryApplication {

    public static void main(String[] args) {
        DjlDefaults.apply();
        SpringApplication.run(DistilleryApplication.class, args);
    }

    /**
     * DJL settings that must be in place before its engine loads, unless the launcher set them: never
     * download (the native library comes from the Maven-shipped jar), extract it under the data
     * directory, and one intra-op thread per training (several threads per job on few cores is many
     * times slower here).
     */
    static final class DjlDefaults {

        private DjlDefaults() {
        }

        static void apply() {
            String dataDir = System.getenv().getOrDefault("DISTILLERY_DATA_DIR",
                    Path.of(System.getProperty("user.home"), ".distillery").toString());
            setIfAbsent("ai.djl.offline", "true");
            if (System.getenv("DJL_CACHE_DIR") == null) {
                setIfAbsent("DJL_CACHE_DIR", Path.of(dataDir, "djl-cache").toString());
            }
            setIfAbsent("ai.djl.pytorch.num_threads", "1");
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }
}
