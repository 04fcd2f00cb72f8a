/** HTTP API of the model registry: /api/v1/models. */
package dev.distillery.models.web;
