package dev.distillery.shared;

/**
 * What a service instance does ({@code distillery.role}): {@code all} serves the API and trains,
 * {@code api} only serves the API, {@code worker} only trains (health and metrics stay reachable).
 */
public enum InstanceRole {
    ALL,
    API,
    WORKER;

    public boolean servesApi() {
        return this != WORKER;
    }

    public boolean trains() {
        return this != API;
    }
}
