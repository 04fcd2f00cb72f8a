/** Durable scheduling of experiments on PostgreSQL and the worker threads that run them. */
package dev.distillery.queue;
