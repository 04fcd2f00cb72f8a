package dev.distillery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a real embedded PostgreSQL, without workers: experiments stay QUEUED, so
 * API tests see exactly what they submitted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"distillery.workers=0", "distillery.devices=cpu"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface ApiTest {}
