package dev.distillery.training;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Sizes LibTorch's thread pools as soon as the configuration is known, before any bean exists that could load the
 * PyTorch engine (and with it the pool sizes, which DJL reads once).
 */
public final class LibTorchThreadsListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        LibTorchThreads.apply(event.getEnvironment());
    }
}
