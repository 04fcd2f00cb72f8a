/** The experiments HTTP API: submit, read, search, wait for, cancel and follow experiments; the catalog. */
package dev.distillery.experiments.web;
