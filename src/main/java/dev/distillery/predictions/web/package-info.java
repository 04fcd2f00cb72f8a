/** HTTP API of predictions: POST /api/v1/predictions. */
package dev.distillery.predictions.web;
