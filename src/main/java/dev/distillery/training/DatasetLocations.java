package dev.distillery.training;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param datasets the default directory of each file-backed dataset, by name ({@code distillery.datasets.*}) */
@ConfigurationProperties("distillery")
public record DatasetLocations(Map<String, String> datasets) {}
