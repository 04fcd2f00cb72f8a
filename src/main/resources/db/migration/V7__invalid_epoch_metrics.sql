-- A student epoch whose test scores are not valid numbers (a student whose logits went NaN recorded test top-1 1.0
-- with a NaN test loss) is no experiment's best or last result. Evaluation now fails such a run, and replaying an
-- experiment's epochs skips such rows; this clears the best and last that earlier runs took from them.
--
-- Valid: test loss finite, test top-1 and top-5 in [0, 1]. In PostgreSQL 'NaN' = 'NaN' is true and NaN sorts above
-- every number, so NaN and ±Infinity are never between 0 and 1, and the loss is compared with the three non-finite
-- values explicitly. The version is bumped: these rows change outside the application's optimistic locking.

update experiments e
set best_epoch = null, best_test_top1 = null, best_test_top5 = null, version = e.version + 1
where e.best_epoch is not null
  and (not (e.best_test_top1 between 0 and 1)
       or not (e.best_test_top5 between 0 and 1)
       or exists (select 1 from epoch_metrics m
                  where m.experiment_id = e.id and m.phase = 'student' and m.epoch = e.best_epoch
                    and (m.test_loss in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
                         or not (m.test_top1 between 0 and 1)
                         or not (m.test_top5 between 0 and 1))));

-- The last result is that of the latest student epoch, current_epoch.
update experiments e
set last_test_top1 = null, last_test_top5 = null, version = e.version + 1
where e.last_test_top1 is not null
  and (not (e.last_test_top1 between 0 and 1)
       or not (e.last_test_top5 between 0 and 1)
       or exists (select 1 from epoch_metrics m
                  where m.experiment_id = e.id and m.phase = 'student' and m.epoch = e.current_epoch
                    and (m.test_loss in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
                         or not (m.test_top1 between 0 and 1)
                         or not (m.test_top5 between 0 and 1))));
