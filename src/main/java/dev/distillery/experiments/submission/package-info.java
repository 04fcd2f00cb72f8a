/** Accepting specs: resolved, checked, admitted by the queue quotas, stored once per Idempotency-Key. */
package dev.distillery.experiments.submission;
