package dev.distillery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DistilleryApplication {

    public static void main(String[] args) {
        SpringApplication.run(DistilleryApplication.class, args);
    }
}
